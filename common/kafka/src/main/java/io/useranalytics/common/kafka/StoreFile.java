package io.useranalytics.common.kafka;

import io.useranalytics.common.config.Env;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A TLS trust or key store file: its path, its type (JKS, PKCS12 or PEM) and its password, which a
 * PEM file does without. Its {@code toString} never shows the password.
 */
public record StoreFile(Path location, String type, String password) {
    private static final Pattern TYPE = Pattern.compile("JKS|PKCS12|PEM");

    public StoreFile {
        Objects.requireNonNull(location, "location == null");
        Objects.requireNonNull(type, "type == null");
        Objects.requireNonNull(password, "password == null");
    }

    /**
     * Reads {@code <prefix>_LOCATION}, {@code _TYPE} and {@code _PASSWORD}. The type defaults by
     * the file's name: {@code .pem} or {@code .crt} is PEM, {@code .jks} is JKS, else PKCS12.
     */
    static Optional<StoreFile> from(Env env, String prefix) {
        String location = env.string(prefix + "_LOCATION", "");
        String typeName = env.string(prefix + "_TYPE", "");
        String password = env.string(prefix + "_PASSWORD", "");
        if (location.isEmpty()) {
            if (!typeName.isEmpty() || !password.isEmpty()) {
                env.reject(prefix + "_TYPE or _PASSWORD is set but " + prefix + "_LOCATION is not");
            }
            return Optional.empty();
        }
        Path path = Path.of(location);
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            env.reject(prefix + "_LOCATION '" + location + "' is not a readable file");
        }
        String type = typeName.isEmpty() ? typeByName(location) : typeName.toUpperCase(Locale.ROOT);
        if (!TYPE.matcher(type).matches()) {
            env.reject(prefix + "_TYPE '" + typeName + "' is not JKS, PKCS12 or PEM");
        } else if (!type.equals("PEM") && password.isEmpty()) {
            env.reject(prefix + "_PASSWORD is not set, and a " + type + " store needs one");
        } else if (type.equals("PEM") && !password.isEmpty()) {
            env.reject(
                    prefix
                            + "_PASSWORD is set, but a PEM file has no store password (an"
                            + " encrypted PEM key takes KAFKA_SSL_KEY_PASSWORD)");
        }
        return Optional.of(new StoreFile(path, type, password));
    }

    /**
     * Puts Kafka's {@code <prefix>.location}, {@code .type} and, if there is one, {@code .password}
     * into {@code settings}; {@code prefix} is {@code ssl.truststore} or {@code ssl.keystore}.
     */
    void addTo(Map<String, Object> settings, String prefix) {
        settings.put(prefix + ".location", location.toString());
        settings.put(prefix + ".type", type);
        if (!password.isEmpty()) {
            settings.put(prefix + ".password", password);
        }
    }

    private static String typeByName(String location) {
        String name = location.toLowerCase(Locale.ROOT);
        if (name.endsWith(".pem") || name.endsWith(".crt")) {
            return "PEM";
        }
        return name.endsWith(".jks") ? "JKS" : "PKCS12";
    }

    @Override
    public String toString() {
        return location + " (" + type + (password.isEmpty() ? ")" : ", password ****)");
    }
}
