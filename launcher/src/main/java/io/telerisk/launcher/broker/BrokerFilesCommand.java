package io.telerisk.launcher.broker;

import io.telerisk.hub.config.ConfigException;
import io.telerisk.hub.config.ConfigSource;
import io.telerisk.hub.config.HubConfig;
import io.telerisk.hub.config.HubConfigLoader;
import io.telerisk.hub.registry.BrokerAccessFiles;
import io.telerisk.hub.store.jdbc.SystemOfRecord;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * {@code bin/platform broker-files --out DIR [--config FILE]}: writes {@code DIR/passwd} and {@code DIR/acl} for
 * Mosquitto from the registry of the hubs' system of record ({@link BrokerAccessFiles}): one block per active device,
 * disabled and decommissioned devices absent. Each file is written beside its target and moved into place, readable by
 * its owner only. Exit codes: 0 written, 1 the registry could not be read, 2 bad arguments or configuration.
 */
public final class BrokerFilesCommand {
    private BrokerFilesCommand() {
    }

    /** Writes both files into {@code dir}; returns what was written. */
    public static BrokerAccessFiles write(HubConfig config, Path dir) throws IOException {
        BrokerAccessFiles files;
        try (SystemOfRecord sor = SystemOfRecord.open(config.sor().jdbcUrl(), config.sor().user(), config.sor().password(), 2)) {
            files = BrokerAccessFiles.fromRegistry(sor.dataSource(), config.ingest().brokerUsername(), config.ingest().brokerPassword());
        }
        Files.createDirectories(dir);
        replace(dir.resolve("passwd"), files.passwordFile());
        replace(dir.resolve("acl"), files.acl());
        return files;
    }

    private static void replace(Path target, String text) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp);
        }
        Files.writeString(tmp, text);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static void main(String[] argv) {
        Path out = null;
        Path config = null;
        for (int i = 0; i < argv.length; i++) {
            switch (argv[i]) {
                case "--out" -> out = i + 1 < argv.length ? Path.of(argv[++i]) : null;
                case "--config" -> config = i + 1 < argv.length ? Path.of(argv[++i]) : null;
                case "--help", "-h" -> {
                    System.out.println("""
                            usage: bin/platform broker-files --out DIR [--config FILE]

                            Writes DIR/passwd and DIR/acl for Mosquitto from the registry in the hubs' system of record
                            (--config and TELERISK_* as for the hub): one block per active device (its own telemetry,
                            events and status to write, its cmd topic to read), disabled and decommissioned devices
                            absent, and the hubs' user (telerisk.broker.username / password). Install them as
                            password_file and acl_file and reload Mosquitto (kill -HUP). Devices whose credential was
                            issued before this release are listed: rotate their credential to include them.""");
                    return;
                }
                default -> {
                    System.err.println("bin/platform broker-files: unknown argument '" + argv[i] + "' (see --help)");
                    System.exit(2);
                }
            }
        }
        if (out == null) {
            System.err.println("bin/platform broker-files: --out DIR is required (see --help)");
            System.exit(2);
        }
        HubConfig c;
        try {
            c = HubConfigLoader.load(ConfigSource.fromProcess(config));
        } catch (ConfigException | IllegalArgumentException e) {
            System.err.println("bin/platform broker-files: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            BrokerAccessFiles f = write(c, out);
            System.out.println("wrote " + out.resolve("passwd") + " and " + out.resolve("acl") + ": " + f.devices() + " devices");
            if (!f.withoutHash().isEmpty()) {
                System.out.println(f.withoutHash().size() + " active devices left out (credential issued before broker hashes were kept; "
                        + "rotate it): " + String.join(", ", f.withoutHash()));
            }
        } catch (Exception e) {
            System.err.println("bin/platform broker-files: " + e.getMessage());
            System.exit(1);
        }
    }
}
