package io.useranalytics.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Key and trust stores made for one test by the JDK's keytool: a broker and a client, each with a
 * self-signed certificate (the broker's for 127.0.0.1), both in one trust store. The client's key
 * is also written as a PEM file, and each certificate alone as PEM.
 */
public record TlsFiles(
        Path brokerKeystore,
        Path brokerCertificatePem,
        Path clientKeystore,
        Path clientKeyPem,
        Path truststore,
        String password) {
    private static final String PASSWORD = "test-store-secret";

    public static TlsFiles generate(Path dir) {
        try {
            Files.createDirectories(dir);
            TlsFiles files =
                    new TlsFiles(
                            dir.resolve("broker.p12"),
                            dir.resolve("broker-certificate.pem"),
                            dir.resolve("client.p12"),
                            dir.resolve("client-key.pem"),
                            dir.resolve("truststore.p12"),
                            PASSWORD);
            keyPair(
                    files.brokerKeystore,
                    "broker",
                    "CN=127.0.0.1",
                    "SAN=ip:127.0.0.1,dns:localhost");
            keyPair(files.clientKeystore, "client", "CN=analytics-client", "KU=digitalSignature");
            Path clientCertificate = dir.resolve("client-certificate.pem");
            exportCertificate(files.brokerKeystore, "broker", files.brokerCertificatePem);
            exportCertificate(files.clientKeystore, "client", clientCertificate);
            trust(files.truststore, "broker", files.brokerCertificatePem);
            trust(files.truststore, "client", clientCertificate);
            writePem(files.clientKeystore, "client", files.clientKeyPem);
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write TLS files in " + dir, e);
        }
    }

    private static void keyPair(Path keystore, String alias, String name, String extension) {
        keytool(
                "-genkeypair",
                "-alias",
                alias,
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                name,
                "-ext",
                extension,
                "-validity",
                "2",
                "-keystore",
                keystore.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                PASSWORD,
                "-keypass",
                PASSWORD);
    }

    private static void exportCertificate(Path keystore, String alias, Path pem) {
        keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                alias,
                "-keystore",
                keystore.toString(),
                "-storepass",
                PASSWORD,
                "-file",
                pem.toString());
    }

    private static void trust(Path truststore, String alias, Path certificate) {
        keytool(
                "-importcert",
                "-noprompt",
                "-alias",
                alias,
                "-file",
                certificate.toString(),
                "-keystore",
                truststore.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                PASSWORD);
    }

    /** The private key (PKCS #8) and its certificate, as Kafka's PEM key store reads them. */
    private static void writePem(Path keystore, String alias, Path pem) throws IOException {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            String key = base64(store.getKey(alias, PASSWORD.toCharArray()).getEncoded());
            String certificate = base64(store.getCertificate(alias).getEncoded());
            Files.writeString(
                    pem,
                    "-----BEGIN PRIVATE KEY-----\n"
                            + key
                            + "\n-----END PRIVATE KEY-----\n-----BEGIN CERTIFICATE-----\n"
                            + certificate
                            + "\n-----END CERTIFICATE-----\n",
                    StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read " + keystore, e);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(bytes);
    }

    private static void keytool(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output =
                    new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("keytool failed: " + command + "\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running keytool", e);
        }
    }
}
