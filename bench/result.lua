-- Shared by post.lua and lookup.lua: at the end of a wrk run, one JSON line of results (wrk's
-- own summary lacks p99.9 and a machine-readable form). Loaded with dofile from the repository
-- root, where run.sh runs wrk.
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format(
    'RESULT {"requests":%d,"seconds":%.3f,"rps":%.1f,"socketErrors":%d,"non2xx":%d,"p50ms":%.3f,"p99ms":%.3f,"p999ms":%.3f}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6), errors, summary.errors.status,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency:percentile(99.9) / 1000))
end
