package org.creativelabs.devstack;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The run command's SMTP server (GreenMail): it accepts every e-mail, sends none on, and writes each to a folder as an
 * {@code .eml} file, so invitation e-mails can be opened and their links followed locally.
 */
final class MailSink implements AutoCloseable {

    private final GreenMail mail;
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "mail-sink");
        thread.setDaemon(true);
        return thread;
    });
    private int written;

    private MailSink(GreenMail mail, Path folder) {
        this.mail = mail;
        writer.scheduleWithFixedDelay(() -> writeNew(folder), 1, 1, TimeUnit.SECONDS);
    }

    static MailSink start(int port, Path folder) throws IOException {
        Files.createDirectories(folder);
        GreenMail mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        return new MailSink(mail, folder);
    }

    private synchronized void writeNew(Path folder) {
        MimeMessage[] messages = mail.getReceivedMessages();
        for (; written < messages.length; written++) {
            try (OutputStream out = Files.newOutputStream(
                    folder.resolve(String.format("%03d-%s.eml", written + 1, recipient(messages[written]))))) {
                messages[written].writeTo(out);
            } catch (IOException | MessagingException e) {
                System.err.println("devstack: could not write e-mail " + (written + 1) + ": " + e);
            }
        }
    }

    /** How many e-mails arrived so far. */
    synchronized int received() {
        return mail.getReceivedMessages().length;
    }

    private static String recipient(MimeMessage message) throws MessagingException {
        return message.getAllRecipients()[0].toString().replaceAll("[^A-Za-z0-9@.-]", "_");
    }

    @Override
    public void close() {
        writer.shutdownNow();
        mail.stop();
    }
}
