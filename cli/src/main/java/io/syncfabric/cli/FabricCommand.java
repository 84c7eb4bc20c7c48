package io.syncfabric.cli;

import io.syncfabric.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./fabric}: run the lab, a frontend or a bridge, publish, subscribe, mint tokens. */
@Command(name = "fabric", mixinStandardHelpOptions = true, version = "SyncFabric 0.1.0",
    description = "SyncFabric: Kafka-backed real-time WebSocket delivery.",
    subcommands = {LabCommand.class, FrontendCommand.class, BridgeCommand.class, MirrorCommand.class, PublishCommand.class,
        SubscribeCommand.class, TokenCommand.class, BenchCommand.class})
public final class FabricCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    LogFormat.apply(System.getenv(LogFormat.ENV));
    System.exit(commandLine().execute(args));
  }

  /** The command line with the fabric's error handling: config errors name the key, no stack trace. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new FabricCommand());
    cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      if (e instanceof ConfigException || e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
        commandLine.getErr().println("fabric: " + e.getMessage());
        return 2;
      }
      throw e;
    });
    return cl;
  }
}
