-- wrk script: POST a 1 KiB JSON body with the bench credential, and print one JSON line of
-- results (wrk's own summary lacks p99.9 and a machine-readable form).
wrk.method = "POST"
wrk.body = '{"payload":"' .. string.rep("x", 1006) .. '"}'
wrk.headers["Content-Type"] = "application/json"
local token = os.getenv("BENCH_AUTH")
if token then
  wrk.headers["Authorization"] = token
end

done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format(
    'RESULT {"requests":%d,"seconds":%.3f,"rps":%.1f,"socketErrors":%d,"non2xx":%d,"p50ms":%.3f,"p99ms":%.3f,"p999ms":%.3f}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6), errors, summary.errors.status,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency:percentile(99.9) / 1000))
end
