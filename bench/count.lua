-- wrk script for the drain scenario: POST until DRAIN_LEFT requests were accepted (202), split
-- over wrk's threads, then print how many were accepted in total.
wrk.method = "POST"
wrk.body = '{"payload":"' .. string.rep("x", 1006) .. '"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = os.getenv("BENCH_AUTH")

local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  accepted = 0
  -- each thread queues its share (run.sh passes wrk's thread count in DRAIN_THREADS)
  quota = math.ceil(tonumber(os.getenv("DRAIN_LEFT")) / tonumber(os.getenv("DRAIN_THREADS")))
end

function response(status, headers, body)
  if status == 202 then
    accepted = accepted + 1
  end
  if accepted >= quota then
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("accepted")
  end
  io.write(string.format("QUEUED %d\n", total))
end
