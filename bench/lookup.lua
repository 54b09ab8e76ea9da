-- wrk script: GET /requests/{id} for a random one of the seeded requests 1..BENCH_ROWS (ids as
-- bench/seed.sql writes them), with the bench credential; one JSON line of results like post.lua.
local rows = tonumber(os.getenv("BENCH_ROWS") or "10000")
local token = os.getenv("BENCH_AUTH")

request = function()
  local path = string.format("/requests/00000000-0000-4000-8000-%012d", math.random(1, rows))
  return wrk.format("GET", path, token and { ["Authorization"] = token } or {})
end

done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format(
    'RESULT {"requests":%d,"seconds":%.3f,"rps":%.1f,"socketErrors":%d,"non2xx":%d,"p50ms":%.3f,"p99ms":%.3f,"p999ms":%.3f}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6), errors, summary.errors.status,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency:percentile(99.9) / 1000))
end
