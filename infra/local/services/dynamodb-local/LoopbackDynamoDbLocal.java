import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.reflect.Field;
import java.net.BindException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import com.almworks.sqlite4java.SQLiteConnection;
import com.almworks.sqlite4java.SQLiteJob;
import com.almworks.sqlite4java.SQLiteQueue;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * DynamoDB Local, listening on one address only. Its own main (ServerRunner) builds Jetty with
 * `new Server(port)`, which listens on every interface and has no option to change that; this
 * builds the same server through ServerRunner, sets the connector's host, then starts it.
 *
 * Usage: java -cp DynamoDBLocal.jar:<this, compiled> LoopbackDynamoDbLocal <host> <port> <options>
 * where options are DynamoDB Local's own, without -port (it refuses 0; here 0 picks a free port).
 * Prints `listening <host>:<port>` once it accepts connections, or `port-in-use` and exits.
 * Then reads commands on stdin, one a line, each answered with one line:
 *   stop   stops listening: requests in flight are answered, then every connection is closed;
 *          the data (in memory too) stays, as when a service is unreachable for a while
 *   start  listens again on the same address and port (`started`, or `port-in-use`)
 * When stdin closes (the Node process that started it stopped it, or is gone) it stops and exits.
 *
 * With -dbPath (and -sharedDb) it also sets the SQLite file to write-ahead logging with
 * synchronous=NORMAL before the first request: DynamoDB Local commits every write with fsyncs, which
 * made the first start's 10,000 master-data items take three minutes here; this way a commit survives
 * a crash of the process (not of the machine), as dynalite's LevelDB does. Should a later DynamoDB
 * Local change the internals reached here, it prints `tuning skipped: <why>` and runs untuned.
 */
public class LoopbackDynamoDbLocal {
  public static void main(String[] args) throws Exception {
    String host = args[0];
    int port = Integer.parseInt(args[1]);
    String[] options = Arrays.copyOf(Arrays.copyOfRange(args, 2, args.length), args.length);
    // A placeholder: the connector's port is set below, before anything listens.
    options[args.length - 2] = "-port";
    options[args.length - 1] = "8000";
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(options);
    Server server = (Server) field(proxy, "server");
    ServerConnector connector = (ServerConnector) server.getConnectors()[0];
    connector.setHost(host);
    connector.setPort(port);
    if (Arrays.asList(options).contains("-dbPath")) {
      try {
        tuneSqlite(proxy);
      } catch (Exception | LinkageError error) {
        System.out.println("tuning skipped: " + error);
      }
    }
    try {
      // safeStart: Jetty only, without the start-up telemetry that ServerRunner's start() may send.
      proxy.safeStart();
    } catch (IOException error) {
      if (!isBindFailure(error)) throw error;
      System.out.println("port-in-use");
      System.exit(3);
    }
    connector.setPort(connector.getLocalPort());
    System.out.println("listening " + host + ":" + connector.getLocalPort());

    BufferedReader commands = new BufferedReader(new InputStreamReader(System.in));
    for (String line; (line = commands.readLine()) != null; ) {
      switch (line.trim()) {
        case "stop" -> {
          if (connector.isStarted()) {
            try {
              // Stops accepting; answers what was received, closing each connection after it.
              connector.shutdown().get(2, TimeUnit.SECONDS);
            } catch (Exception notAllClosedInTime) {
              // connector.stop() closes what is left.
            }
            connector.stop();
          }
          System.out.println("stopped");
        }
        case "start" -> {
          try {
            if (!connector.isStarted()) connector.start();
            System.out.println("started");
          } catch (IOException error) {
            if (!isBindFailure(error)) throw error;
            System.out.println("port-in-use");
          }
        }
        default -> System.out.println("unknown command " + line);
      }
    }
    proxy.stop();
    System.exit(0);
  }

  /** The shared database's SQLite queue, opened now, set to WAL with synchronous=NORMAL. */
  private static void tuneSqlite(DynamoDBProxyServer proxy) throws Exception {
    Object serverHandler = field(proxy, "serverHandler");
    Object requestHandler = field(serverHandler, "primaryHandler");
    Method getHandler = requestHandler.getClass().getDeclaredMethod("getHandler", String.class);
    getHandler.setAccessible(true);
    // With -sharedDb every client gets this one database, whatever the name asked for.
    Object client = getHandler.invoke(requestHandler, "shared-local-instance");
    Object access = field(client, "dbAccess");
    SQLiteQueue queue = (SQLiteQueue) field(access, "queue");
    queue
        .execute(
            new SQLiteJob<Void>() {
              @Override
              protected Void job(SQLiteConnection connection) throws Throwable {
                connection.exec("PRAGMA journal_mode=WAL");
                connection.exec("PRAGMA synchronous=NORMAL");
                return null;
              }
            })
        .complete();
  }

  /** A field by name, declared on the object's class or one of its superclasses. */
  private static Object field(Object target, String name) throws ReflectiveOperationException {
    for (Class<?> type = target.getClass(); type != null; type = type.getSuperclass()) {
      try {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field.get(target);
      } catch (NoSuchFieldException notHere) {
        // look further up
      }
    }
    throw new NoSuchFieldException(target.getClass().getName() + "." + name);
  }

  private static boolean isBindFailure(Throwable error) {
    for (Throwable e = error; e != null; e = e.getCause()) if (e instanceof BindException) return true;
    return false;
  }
}
