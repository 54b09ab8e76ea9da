package ferry.intake.control;

import ferry.platform.problems.Problem;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** When a request may first be forwarded: {@code Ferry-Delay} ({@code 90}, {@code 30s}, {@code 5m}, {@code 2h}) or {@code Ferry-Not-Before} (RFC 3339). */
public final class NotBefore {

    private static final Pattern DELAY = Pattern.compile("(\\d{1,7})([smh]?)");
    static final Duration MAX_DELAY = Duration.ofDays(30);

    private NotBefore() {
    }

    public static Instant of(String delayHeader, String notBeforeHeader, Instant now) {
        if (delayHeader != null && notBeforeHeader != null) {
            throw Problem.badRequest("Send Ferry-Delay or Ferry-Not-Before, not both.");
        }
        Instant at = now;
        if (delayHeader != null) {
            Matcher m = DELAY.matcher(delayHeader.trim());
            if (!m.matches()) {
                throw Problem.badRequest("Ferry-Delay must be seconds, or a number with s, m or h (e.g. 90, 30s, 5m, 2h).");
            }
            long amount = Long.parseLong(m.group(1));
            Duration delay = switch (m.group(2)) {
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofSeconds(amount);
            };
            at = now.plus(delay);
        } else if (notBeforeHeader != null) {
            try {
                at = OffsetDateTime.parse(notBeforeHeader.trim()).toInstant();
            } catch (DateTimeParseException e) {
                throw Problem.badRequest("Ferry-Not-Before must be an RFC 3339 date-time.");
            }
            if (at.isBefore(now)) {
                at = now;
            }
        }
        if (Duration.between(now, at).compareTo(MAX_DELAY) > 0) {
            throw Problem.badRequest("A request may be delayed by at most 30 days.");
        }
        return at;
    }
}
