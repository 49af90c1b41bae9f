package org.creativelabs.core.finance;

import java.util.Map;
import org.creativelabs.core.members.privacy.PersonalData;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** A person's charges, payments and subsidies in their export; on erasure the amounts stay under the pseudonym. */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class FinancePersonalData implements PersonalData {

    private final Ledger ledger;

    FinancePersonalData(Ledger ledger) {
        this.ledger = ledger;
    }

    @Override
    public String section() {
        return "finance";
    }

    @Override
    public Object export(String subject) {
        return Map.of("balance", ledger.balance(null, subject), "entries", ledger.entries(subject));
    }

    @Override
    public void erase(String subject, String pseudonym) {
        ledger.erase(subject, pseudonym);
    }
}
