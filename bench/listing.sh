#!/usr/bin/env bash
# Listing latency at 1,000,000 stored requests (issue 12): builds the bundle, seeds the rows with
# bench/seed.sql while the gateway is stopped, then times pages of GET /requests?proxyId=bench (the
# proxy's credential) and GET /admin/requests with curl, one client on loopback. Usage: bench/listing.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
W=$ROOT/bench/work/listing; rm -rf "$W"; mkdir -p "$W"
cd "$ROOT"
mvn -q -B -ntp -DskipTests package
start() {
  FERRY_DATA_DIR=$W/data FERRY_HTTP_PORT=18190 FERRY_BROKER_PORT=18618 FERRY_ADMIN_TOKEN=tok \
    bash target/bundle/start.sh >> $W/out.log 2>&1 &
  echo $! > $W/pid
  until curl -s http://127.0.0.1:18190/health/ready | grep -q '^{"status":"UP"'; do sleep 0.5; done
}
stop() { local p; p=$(cat $W/pid); kill "$p"; while kill -0 "$p" 2>/dev/null; do sleep 0.5; done; }
start
curl -s -o /dev/null -w 'create %{http_code}\n' -X POST http://127.0.0.1:18190/admin/proxies -H 'Authorization: Bearer tok' \
  -H 'Content-Type: application/json' -d '{"id":"bench","targetUrl":"https://example.com","clientAuth":{"type":"bearer","tokens":["bench-client-token"]}}'
stop
(cd $W && jar xf "$ROOT"/target/bundle/payara-micro.jar MICRO-INF/runtime/h2.jar && mv MICRO-INF/runtime/h2.jar h2.jar)
sed -e "s/@FROM@/1/" -e "s/@TO@/1000000/" bench/seed.sql > $W/seed.sql
t0=$(date +%s)
java -cp $W/h2.jar org.h2.tools.RunScript -url "jdbc:h2:$W/data/db/ferry" -user ferry -password ferry -script $W/seed.sql
echo "seeded in $(( $(date +%s) - t0 )) s"
start
url="http://127.0.0.1:18190/requests?proxyId=bench&limit=100"
auth='Authorization: Bearer bench-client-token'
for i in $(seq 1 5); do curl -s -o /dev/null -H "$auth" "$url"; done
times() { sort -n | awk '{ a[NR] = $1 } END { printf "p50 %.1f ms, max %.1f ms (n=%d)\n", a[int((NR+1)/2)] * 1000, a[NR] * 1000, NR }'; }
echo -n "first page, limit 100: "; for i in $(seq 1 30); do curl -s -o /dev/null -w '%{time_total}\n' -H "$auth" "$url"; done | times
echo -n "pages 1..30 by cursor: "
cursor=""
for i in $(seq 1 30); do
  out=$(curl -s -w '\n%{time_total}' -H "$auth" "$url${cursor:+&cursor=$cursor}")
  echo "$out" | tail -1
  cursor=$(echo "$out" | head -1 | grep -o '"next":"[^"]*"' | cut -d'"' -f4)
done | times
echo -n "status=completed, limit 1000: "; for i in $(seq 1 10); do curl -s -o /dev/null -w '%{time_total}\n' -H "$auth" "http://127.0.0.1:18190/requests?proxyId=bench&status=completed&limit=1000"; done | times
echo -n "admin, all proxies, limit 100: "; for i in $(seq 1 30); do curl -s -o /dev/null -w '%{time_total}\n' -H 'Authorization: Bearer tok' "http://127.0.0.1:18190/admin/requests?limit=100"; done | times
echo -n "status lookup (for comparison): "; for i in $(seq 1 30); do curl -s -o /dev/null -w '%{time_total}\n' -H "$auth" "http://127.0.0.1:18190/requests/00000000-0000-4000-8000-000000500000"; done | times
stop
