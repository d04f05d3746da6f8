/**
 * The API's sliding window for one key, shared by every replica, as one Redis script (atomic).
 * KEYS: released, in flight, block. A request holds its slot from its grant until one window after
 * its answer (released: score = when the slot frees); while in flight it holds a lease (score = lease
 * end), so a replica that dies mid-request does not hold its slot forever. Times are Redis's clock, in ms.
 */
export const RATE_WINDOW_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local released, inflight, block = KEYS[1], KEYS[2], KEYS[3]
local op, window, lease = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
local keep = window + lease

if op == 'release' then
  -- ARGV[4..]: id, ms since its answer; pairs. Also puts back a replica's own requests after a restart of Redis.
  for i = 4, #ARGV, 2 do
    redis.call('ZREM', inflight, ARGV[i])
    local frees = now - tonumber(ARGV[i + 1]) + window
    if frees > now then redis.call('ZADD', released, frees, ARGV[i]) end
  end
  redis.call('PEXPIRE', released, keep)
  return now
end

if op == 'hold' then
  -- ARGV[4..]: ids of requests this replica has in flight, put back after a restart of Redis.
  for i = 4, #ARGV do redis.call('ZADD', inflight, now + lease, ARGV[i]) end
  redis.call('PEXPIRE', inflight, keep)
  return now
end

if op == 'block' then
  local untilMs = now + tonumber(ARGV[4])
  if untilMs > tonumber(redis.call('GET', block) or '0') then redis.call('SET', block, untilMs, 'PX', tonumber(ARGV[4])) end
  return now
end

-- op == 'acquire' (ARGV[4]: id, ARGV[5]: callers waiting here, to tell each when its turn can come)
-- or 'peek' (how many slots are busy, granting nothing).
local stale = redis.call('ZRANGEBYSCORE', inflight, '-inf', now, 'WITHSCORES')
for i = 1, #stale, 2 do redis.call('ZADD', released, tonumber(stale[i + 1]) + window, stale[i]) end
redis.call('ZREMRANGEBYSCORE', inflight, '-inf', now)
redis.call('ZREMRANGEBYSCORE', released, '-inf', now)
local blocked = tonumber(redis.call('GET', block) or '0')
local limit = tonumber(ARGV[6])
local held = redis.call('ZCARD', inflight)
local busy = redis.call('ZCARD', released) + held
if op == 'peek' then return { 0, now, blocked, held, busy } end
if blocked <= now and busy < limit then
  redis.call('ZADD', inflight, now + lease, ARGV[4])
  redis.call('PEXPIRE', inflight, keep)
  return { 1, now, blocked, held + 1, busy + 1 }
end
-- Not now: when the slots free, soonest first (released ones; those in flight free a window after now at the soonest).
local want = busy - limit + tonumber(ARGV[5])
local frees = {}
if want > 0 then frees = redis.call('ZRANGE', released, 0, want - 1, 'WITHSCORES') end
local answer = { 0, now, blocked, held, busy }
for i = 2, #frees, 2 do answer[#answer + 1] = tonumber(frees[i]) end
return answer
`;
