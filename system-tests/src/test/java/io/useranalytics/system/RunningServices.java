package io.useranalytics.system;

import io.useranalytics.testsupport.RealKafka;
import io.useranalytics.testsupport.RealPostgres;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A broker, a schema and {@link ThreeServices} on them, for one test class: started in that order
 * and closed in the reverse one.
 */
public final class RunningServices implements BeforeAllCallback, AfterAllCallback {
    private final RealKafka kafka = new RealKafka();
    private final RealPostgres postgres = new RealPostgres();
    private ThreeServices services;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        kafka.beforeAll(context);
        postgres.beforeAll(context);
        services = ThreeServices.start(kafka, postgres, Map.of());
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            if (services != null) { // null when beforeAll failed: its error is the one to see
                services.close();
            }
        } finally {
            try {
                postgres.afterAll(context);
            } finally {
                kafka.afterAll(context);
            }
        }
    }

    public ThreeServices get() {
        if (services == null) {
            throw new IllegalStateException("the services start in beforeAll: ask after it");
        }
        return services;
    }

    public RealKafka kafka() {
        return kafka;
    }

    public RealPostgres postgres() {
        return postgres;
    }
}
