package org.creativelabs.core.tenancy;

import jakarta.persistence.EntityManager;
import java.sql.SQLException;
import org.hibernate.JDBCException;
import org.hibernate.Session;
import org.springframework.orm.jpa.vendor.HibernateJpaDialect;
import org.springframework.transaction.TransactionDefinition;

/**
 * Binds every JPA transaction to its lab: {@code SET LOCAL ROLE} and {@code SET LOCAL search_path}, sent by
 * pgjdbc together with the pending {@code BEGIN} (one round trip) and reset by PostgreSQL itself at commit or
 * rollback, so a pooled connection never carries a lab over. A transaction with no lab fails before it starts.
 * Plain JDBC inside the transaction shares the connection, so it is bound too.
 */
class TenantBindingJpaDialect extends HibernateJpaDialect {

    @Override
    public Object beginTransaction(EntityManager entityManager, TransactionDefinition definition) throws SQLException {
        Session session = entityManager.unwrap(Session.class);
        String binding = TenantConnectionBinder.transactionBinding(session.getTenantIdentifier());
        Object transactionData = super.beginTransaction(entityManager, definition);
        try {
            session.doWork(connection -> TenantConnectionBinder.execute(connection, binding));
        } catch (JDBCException e) {
            // 42501: the runtime login is no longer a member of the lab's role, because the lab stopped serving
            // (suspended or archived) after this replica cached it as serving.
            if ("42501".equals(e.getSQLState())) {
                throw new LabNotServingException(
                        TenantContext.current().map(Lab::slug).orElse(session.getTenantIdentifier()));
            }
            throw e;
        }
        return transactionData;
    }
}
