package io.useranalytics.testsupport;

import io.useranalytics.harness.ServiceJar;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Service processes a test starts, killed when the test (or, registered as a static field, the
 * class) ends, passed or failed, so that none outlives its test and holds a port.
 */
public final class ChildProcesses implements AfterEachCallback, AfterAllCallback {
    private final List<Process> started = new ArrayList<>();
    private final boolean endsWithEachTest;

    private ChildProcesses(boolean endsWithEachTest) {
        this.endsWithEachTest = endsWithEachTest;
    }

    /** Processes that end with the test that started them: register as an instance field. */
    public static ChildProcesses perTest() {
        return new ChildProcesses(true);
    }

    /** Processes shared by a class's tests, ended after the last: register as a static field. */
    public static ChildProcesses perClass() {
        return new ChildProcesses(false);
    }

    public Process start(String service, Map<String, String> env, String logName) {
        return track(ServiceJar.start(service, env, logName));
    }

    public Process start(String service, Map<String, String> env, String logName, String maxHeap) {
        return track(ServiceJar.start(service, env, logName, maxHeap));
    }

    /** {@code mainClass} from this JVM's class path, in a process of its own. */
    public Process startClass(String mainClass, Map<String, String> env, String logName) {
        return track(ServiceJar.startClass(mainClass, env, logName));
    }

    private synchronized Process track(Process process) {
        started.add(process);
        return process;
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        if (endsWithEachTest) {
            killAll();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        killAll();
    }

    private synchronized void killAll() throws InterruptedException {
        for (Process process : started) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        started.clear();
    }
}
