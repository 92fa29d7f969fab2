package org.herd.simulator;

import static org.herd.simulator.GazelleDataGenerator.SITE_END;
import static org.herd.simulator.GazelleDataGenerator.SITE_START;
import static org.herd.simulator.GazelleDataGenerator.ZERO_DATE;
import static org.herd.simulator.GazelleDataGenerator.datetime;

import java.util.List;
import java.util.SplittableRandom;

/** pm_conversations, pm_messages: private messages between users, which never leave the origin. */
final class MessagesGenerator {

    private final SitePlan plan;

    MessagesGenerator(SitePlan plan) {
        this.plan = plan;
    }

    void emit(RowSink sink) {
        int messageId = 0;
        for (int c = 0; c < plan.conversations; c++) {
            int convId = c + 1;
            SplittableRandom r = plan.rng(SitePlan.S_CONVERSATION, convId);
            String subject = Words.pick(r, List.of("Reseed request", "Your upload of ", "Re: trade?", "Hello!",
                    "Question about your log", "Thanks for the FLAC", "Invite", "Collage help", "Request filled: "));
            if (subject.endsWith(" ")) {
                subject = subject + Words.title(r);
            }
            int a = plan.userId(r);
            int b = 1 + r.nextInt(plan.users);
            long t = SITE_START + (long) (SitePlan.SPAN * ((c + r.nextDouble()) / plan.conversations));
            sink.row("pm_conversations", new Object[] {convId, Words.cut(subject, 255)});
            for (int m = 0; m < plan.messagesIn(c); m++) {
                messageId++;
                SplittableRandom mr = plan.rng(SitePlan.S_MESSAGE, messageId);
                t = Math.min(SITE_END, t + mr.nextLong(86_400L * 3));
                sink.row("pm_messages", new Object[] {
                    messageId, convId, mr.nextInt(100) < 2 ? ZERO_DATE : datetime(t), m % 2 == 0 ? a : b,
                    messageBody(mr),
                });
            }
        }
    }

    private static String messageBody(SplittableRandom r) {
        return switch (r.nextInt(5)) {
            case 0 -> "Hi! Could you reseed [url=torrents.php?torrentid=" + (1 + r.nextInt(1_000_000))
                    + "]this one[/url]? I've been stuck at 99.8% for a week.";
            case 1 -> "Thanks a lot, that " + Words.pick(r, Words.GENRE_TAGS).replace('.', ' ')
                    + " record is amazing. My IRC nick is " + Words.token(r, 8) + " if you want to chat.";
            case 2 -> "[quote]" + Words.sentence(r) + "[/quote]\nAgreed. " + Words.sentence(r);
            case 3 -> "Your log scored " + (50 + r.nextInt(50)) + "%, please check the drive offset and re-rip.";
            default -> Words.paragraph(r, 1 + r.nextInt(3));
        };
    }
}
