import org.eclipse.paho.mqttv5.client.*;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.*;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import java.net.URI;
import java.net.http.*;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.*;
import java.util.concurrent.*;

/** Usage: java -Dack=durable|receipt -cp "$HUB_HOME/launcher/target/lib/*" RawInflux.java tcp://BROKER:PORT http://INFLUXD:PORT
 *  (bench_rawjava.sh runs it on the rig). The simplest JVM pipeline for the rig: MQTT 5 QoS 1 subscriber -> InfluxDB v1 line protocol, batches of
 *  BATCH points or 20 ms, one writer thread; ACK=durable acknowledges a message after its batch is stored (as the
 *  hub does), ACK=receipt on arrival (as Node-RED). No validation, registry, dedup or summaries. */
public class RawInflux {
    static final int BATCH = Integer.getInteger("batch", 500);
    static final boolean DURABLE = !"receipt".equals(System.getProperty("ack", "durable"));
    static final Object lock = new Object();
    static StringBuilder lines = new StringBuilder();
    static List<int[]> acks = new ArrayList<>();
    static int n;
    static long openedAt;

    public static void main(String[] a) throws Exception {
        String broker = a[0], influx = a[1];
        HttpClient http = HttpClient.newHttpClient();
        URI write = URI.create(influx + "/write?db=telemetry&precision=ns");
        MqttAsyncClient c = new MqttAsyncClient(broker, "raw-influx-java", new MemoryPersistence());
        c.setManualAcks(DURABLE);
        c.setCallback(new MqttCallback() {
            public void disconnected(MqttDisconnectResponse r) { System.err.println("disconnected " + r); }
            public void mqttErrorOccurred(MqttException e) { e.printStackTrace(); }
            public void deliveryComplete(IMqttToken t) { }
            public void connectComplete(boolean r, String u) { }
            public void authPacketArrived(int t, MqttProperties p) { }
            public void messageArrived(String topic, MqttMessage m) {
                String j = new String(m.getPayload(), StandardCharsets.UTF_8);
                String line = "vehicle,tenant=" + str(j, "tenant") + ",device=" + str(j, "device") + ",type=vehicle lat=" + num(j, "lat")
                        + ",lon=" + num(j, "lon") + ",speedMps=" + num(j, "speedMps") + ",axMps2=" + num(j, "axMps2")
                        + ",ayMps2=" + num(j, "ayMps2") + ",azMps2=" + num(j, "azMps2") + ",seq=" + num(j, "seq") + "i ";
                Instant t = Instant.parse(str(j, "t"));
                synchronized (lock) {
                    if (n == 0) openedAt = System.nanoTime();
                    lines.append(line).append(t.getEpochSecond() * 1_000_000_000L + t.getNano()).append('\n');
                    acks.add(new int[]{m.getId(), m.getQos()});
                    if (++n >= BATCH) lock.notify();
                }
            }
        });
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setReceiveMaximum(65535);
        c.connect(o).waitForCompletion();
        c.subscribe("$share/raw/v1/#", 1).waitForCompletion();
        System.err.println("subscribed");
        while (true) {
            String body; List<int[]> batch;
            synchronized (lock) {
                while (n == 0 || (n < BATCH && System.nanoTime() - openedAt < 20_000_000L)) lock.wait(n == 0 ? 50 : 5);
                body = lines.toString(); batch = acks; lines = new StringBuilder(); acks = new ArrayList<>(); n = 0;
            }
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(write).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 204) System.err.println("write " + r.statusCode() + " " + r.body());
            if (DURABLE) for (int[] k : batch) c.messageArrivedComplete(k[0], k[1]);
        }
    }

    static String str(String j, String k) {
        int i = j.indexOf("\"" + k + "\":\"") + k.length() + 4;
        return j.substring(i, j.indexOf('"', i));
    }

    static String num(String j, String k) {
        int i = j.indexOf("\"" + k + "\":") + k.length() + 3, e = i;
        while (e < j.length() && "0123456789.-eE+".indexOf(j.charAt(e)) >= 0) e++;
        return j.substring(i, e);
    }
}
