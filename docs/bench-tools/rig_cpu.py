#!/usr/bin/env python3
"""CPU seconds per process of one run on the Node-RED rig (shared/peers): start it in the rig's load/ directory with
the rig's PEER_TMP and MQTT_PORT, run one benchmark, stop it with SIGTERM; it prints one JSON line of CPU-s per role.
It samples utime+stime from /proc every 0.2 s. Roles: mosquitto and influxd (their config under PEER_TMP),
mosquitto_sub (-p MQTT_PORT), node processes started from RIG_DIR (default: the current directory) by script name,
and jvm (a java command line holding any word of JVM_MATCH, default "io.telerisk RawInflux"). A process that ends
between two samples loses at most its last 0.2 s."""
import os, signal, sys, time, json
T = os.environ.get('PEER_TMP', '/tmp/peers'); PORT = os.environ.get('MQTT_PORT', '18830')
HZ = os.sysconf('SC_CLK_TCK'); stop = False
def h(*_):
    global stop; stop = True
signal.signal(signal.SIGTERM, h); signal.signal(signal.SIGINT, h)
first, last, role = {}, {}, {}
def classify(pid):
    try:
        cmd = open(f'/proc/{pid}/cmdline', 'rb').read().replace(b'\0', b' ').decode(errors='replace')
        cwd = os.readlink(f'/proc/{pid}/cwd')
    except Exception:
        return None
    if cmd.startswith('mosquitto_sub') and f'-p {PORT}' in cmd: return 'mosquitto_sub'
    if cmd.startswith('mosquitto ') and T in cmd: return 'mosquitto'
    if 'influxd' in cmd and T in cmd: return 'influxd'
    if cmd.split(' ')[0].split('/')[-1] == 'node' and cwd.startswith(os.environ.get('RIG_DIR', os.getcwd())):
        return 'node ' + ' '.join(a.split('/')[-1] for a in cmd.split()[1:3])
    if 'java' in cmd.split(' ')[0] and any(k in cmd for k in os.environ.get('JVM_MATCH', 'io.telerisk RawInflux').split()): return 'jvm'
    return None
t0 = time.time()
while not stop:
    for p in os.listdir('/proc'):
        if not p.isdigit(): continue
        pid = int(p)
        if pid not in role:
            role[pid] = classify(pid)
        if role[pid] is None: continue
        try:
            f = open(f'/proc/{pid}/stat').read().rsplit(')', 1)[1].split()
            cpu = (int(f[11]) + int(f[12])) / HZ; start = int(f[19]) / HZ
        except Exception:
            continue
        if pid not in first: first[pid] = (cpu, start)
        last[pid] = cpu
    time.sleep(0.2)
boot = time.time() - float(open('/proc/uptime').read().split()[0])
out = {}
for pid, c in last.items():
    c0, start = first[pid]
    born_inside = boot + start > t0
    d = c if born_inside else c - c0
    out[role[pid]] = round(out.get(role[pid], 0) + d, 2)
out['wall_s'] = round(time.time() - t0, 1)
print(json.dumps(out), flush=True)
