-- wrk script: GET /requests/{id} for a random one of the seeded requests 1..BENCH_ROWS (ids as
-- bench/seed.sql writes them), with the bench credential; one JSON line of results like post.lua.
local rows = tonumber(os.getenv("BENCH_ROWS") or "10000")
local token = os.getenv("BENCH_AUTH")

request = function()
  local path = string.format("/requests/00000000-0000-4000-8000-%012d", math.random(1, rows))
  return wrk.format("GET", path, token and { ["Authorization"] = token } or {})
end

dofile("bench/result.lua")
