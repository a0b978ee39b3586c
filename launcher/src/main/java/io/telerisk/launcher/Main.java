package io.telerisk.launcher;

import io.telerisk.agent.AgentMain;
import io.telerisk.agri.cli.AgriCli;
import io.telerisk.claims.cli.ClaimsCli;
import io.telerisk.hub.HubMain;
import io.telerisk.hub.config.LogFormat;
import io.telerisk.hub.logging.HubLogging;
import io.telerisk.launcher.bench.BenchCommand;
import io.telerisk.launcher.demo.DemoCommand;
import io.telerisk.pricing.cli.PricingCli;
import io.telerisk.sim.SimMain;

import java.util.Arrays;

/**
 * Entry point of {@code bin/platform}: dispatches the first argument to the command's own main, so each module
 * keeps its command line and {@code bin/platform X --help} is that module's help.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // one log output for every command: our code at info, libraries (through slf4j-jdk14) from warn; the hub
        // switches it to JSON when telerisk.log.format=json
        HubLogging.configure(LogFormat.TEXT);
        if (args.length == 0) {
            System.err.println("usage: bin/platform <demo|hub|agent|sim|bench|spool|broker-files|pricing|agri|claims> [--help]");
            System.exit(2);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "demo" -> DemoCommand.main(rest);
            case "hub" -> HubMain.main(rest);
            case "agent" -> AgentMain.main(rest);
            case "sim" -> SimMain.main(rest);
            case "pricing" -> PricingCli.main(rest);
            case "agri" -> AgriCli.main(rest);
            case "claims" -> ClaimsCli.main(rest);
            case "bench" -> BenchCommand.main(rest);
            case "spool" -> io.telerisk.launcher.spool.SpoolCommand.main(rest);
            case "broker-files" -> io.telerisk.launcher.broker.BrokerFilesCommand.main(rest);
            default -> {
                System.err.println("bin/platform: unknown command '" + args[0] + "'");
                System.exit(2);
            }
        }
    }
}
