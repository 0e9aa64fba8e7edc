package io.useranalytics.embedded.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server that an earlier process started on a data directory and never stopped, because that
 * process was killed: the server outlives it and holds the directory. Stopping it with SIGTERM
 * (PostgreSQL's smart shutdown: its clients died with their process) lets the directory be used. A
 * server whose process still runs is no leftover: that process holds the directory's lock file
 * (zonky's {@code epg-lock}), and starting a second one on it is refused.
 */
final class LeftoverServer {
    private static final Logger log = LoggerFactory.getLogger(LeftoverServer.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(60);

    private final Path dataDir;
    private final Path pidFile;

    LeftoverServer(Path dataDir) {
        this.dataDir = dataDir;
        this.pidFile = dataDir.resolve("postmaster.pid");
    }

    /**
     * Stops the leftover server, if there is one.
     *
     * @throws DataDirectoryInUseException if a running process still uses the directory
     */
    void stop() {
        Optional<ProcessHandle> postmaster = postmaster();
        if (postmaster.isEmpty()) {
            return;
        }
        if (isOwnerAlive()) {
            throw new DataDirectoryInUseException(
                    "the PostgreSQL data in "
                            + dataDir.toAbsolutePath()
                            + " is in use by another running process (PostgreSQL pid "
                            + postmaster.get().pid()
                            + "): stop it first, or give this one another EMBEDDED_POSTGRES_DIR");
        }
        long pid = postmaster.get().pid();
        log.warn("stopping the PostgreSQL server (pid {}) an earlier process left running", pid);
        postmaster.get().destroy();
        try {
            postmaster.get().onExit().get(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "the PostgreSQL server (pid " + pid + ") did not stop within " + STOP_WAIT, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot wait for PostgreSQL (pid " + pid + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while PostgreSQL stopped", e);
        }
    }

    /** True while the process that started the server holds the directory's lock file. */
    private boolean isOwnerAlive() {
        Path lockFile = dataDir.resolve("epg-lock");
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock()) {
            return lock == null;
        } catch (OverlappingFileLockException e) {
            return true; // this very JVM holds it
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check the lock " + lockFile, e);
        }
    }

    private Optional<ProcessHandle> postmaster() {
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(pidFile);
            if (lines.isEmpty() || !lines.get(0).strip().matches("\\d+")) {
                return Optional.empty();
            }
            return ProcessHandle.of(Long.parseLong(lines.get(0).strip()))
                    .filter(ProcessHandle::isAlive)
                    .filter(LeftoverServer::isPostgres);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pidFile, e);
        }
    }

    private static boolean isPostgres(ProcessHandle process) {
        return process.info().command().map(command -> command.endsWith("postgres")).orElse(false);
    }
}
