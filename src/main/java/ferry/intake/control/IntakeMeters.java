package ferry.intake.control;

import ferry.platform.metrics.Labels;
import ferry.requests.entity.ForwardRequest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Intake's meters (README, "Observability"): requests made durable per proxy and entry point,
 * refusals per problem code, and each group commit's size and duration.
 */
@ApplicationScoped
public class IntakeMeters {

    @Inject
    MeterRegistry registry;

    private DistributionSummary groupSize;
    private Timer commitTime;

    @PostConstruct
    void start() {
        groupSize = DistributionSummary.builder("ferry.intake.group.size")
                .description("Requests stored by one group commit (one transaction)")
                .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128, 256)
                .register(registry);
        commitTime = Timer.builder("ferry.intake.group.commit.duration")
                .description("Time to store one group commit, from its first insert to its commit")
                .serviceLevelObjectives(ms(1), ms(2), ms(5), ms(10), ms(25), ms(50), ms(100), ms(250), ms(500), ms(1000))
                .register(registry);
    }

    /** Requests waiting for a group commit now (intake answers 503 once ferry.intake.queue-capacity wait). */
    public void waitingForCommit(IntSupplier waiting) {
        Gauge.builder("ferry.intake.waiting", waiting, IntSupplier::getAsInt)
                .description("Requests waiting for a group commit on this node")
                .register(registry);
    }

    /** One group is durable: its members are accepted. */
    public void committed(List<ForwardRequest> group, long nanos) {
        groupSize.record(group.size());
        commitTime.record(nanos, TimeUnit.NANOSECONDS);
        for (ForwardRequest request : group) {
            Counter.builder("ferry.intake.accepted")
                    .description("Requests accepted (stored durably), per proxy, channel and entry point")
                    .tag("proxy", request.getProxyId())
                    .tag("channel", request.isSubmittedOverJms() ? "jms" : "http")
                    .tag("entry", request.getEntryPoint().label())
                    .register(registry)
                    .increment();
        }
    }

    /** A submission was refused with the problem of this code ({@code http} or {@code jms}). */
    public void refused(String channel, String problemCode) {
        Counter.builder("ferry.intake.refused")
                .description("Submissions refused, per channel and problem code; nothing was stored")
                .tag("channel", channel)
                .tag("code", Labels.code(problemCode))
                .register(registry)
                .increment();
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
