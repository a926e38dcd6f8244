package org.mentoring.localstack;

import java.io.PrintStream;

/**
 * Entry point. {@code up} starts the stack in the background and waits until it is healthy, {@code run} is the
 * supervisor itself (in the foreground: Ctrl-C stops everything), {@code status} tells what runs, {@code ctl} stops
 * and starts single parts of a running stack, {@code kafka} is the Kafka broker's own JVM (started by the
 * supervisor). deploy/local/up and deploy/local/ctl wrap this class; deploy/local/down only needs the PID file that
 * the supervisor writes.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        String command = args.length == 0 ? "help" : args[0];
        int code;
        try {
            switch (command) {
                case "up":
                    code = new UpCommand(Settings.fromEnvironment()).run();
                    break;
                case "run":
                    code = new Supervisor(Settings.fromEnvironment()).run();
                    break;
                case "ctl":
                    code = new ControlCommand(Settings.fromEnvironment())
                            .run(java.util.Arrays.asList(args).subList(1, args.length));
                    break;
                case "kafka":
                    if (args.length != 2) {
                        System.err.println("Usage: local-stack kafka <server.properties>");
                        code = 2;
                    } else {
                        code = Kafka.runBroker(args[1]);
                    }
                    break;
                case "status":
                case "--status":
                    code = new StatusCommand(Settings.fromEnvironment()).run();
                    break;
                case "help":
                case "--help":
                case "-h":
                    usage(System.out);
                    code = 0;
                    break;
                default:
                    System.err.println("Unknown command '" + command + "'.");
                    usage(System.err);
                    code = 2;
            }
        } catch (LauncherException e) {
            System.err.println(e.getMessage());
            code = 1;
        }
        System.exit(code);
    }

    private static void usage(PrintStream out) {
        out.println("Usage: local-stack up|run|status|ctl");
        out.println("  up      start the stack in the background and wait until it is healthy");
        out.println("  run     run the stack in the foreground (Ctrl-C stops it)");
        out.println("  status  tell whether the stack runs and where");
        out.println("  ctl     list | stop|kill|start|restart <part>: steer a service replica or Kafka of a running stack");
        out.println("Stop a stack that up started with deploy/local/down.");
    }
}
