-- wrk script: Kannel get-url requests with a realistic mix (architecture.md), unique ids.
--   60% answers and reports from registered socios, 25% menus and queries from any member,
--   10% leader commands from the board (roster 1-3), 5% unknown phones and help requests.
-- The roster is the one bench/run.sh imports: BENCH_NETWORKS networks of BENCH_MEMBERS members,
-- phone +51987 followed by network*100+roster on six digits.
-- Environment: BENCH_KEY (Kannel secret), BENCH_RUN (prefix that keeps ids unique across runs).
local networks = tonumber(os.getenv("BENCH_NETWORKS") or "10")
local members = tonumber(os.getenv("BENCH_MEMBERS") or "30")
local key = os.getenv("BENCH_KEY") or "bench-secret"
local run = os.getenv("BENCH_RUN") or tostring(os.time())
local threads = 0
local counter = 0

local answers = { "APORTE 20", "APORTE 15.50", "aporte s/. 12", "ASISTI", "SI", "NO", "1", "2", "3", "4", "5", "OPINAR" }
local menus = { "HOLA", "MIO", "MENU", "Hola buenos dias" }
local leaders = { "REUNION ORD HOY 1 2 3", "REUNION EXT AYER TODOS", "EVENTO Aniversario 15/12", "EVENTO HECHO 1" }
local helps = { "AYUDA", "?" }

function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

function init(args)
  math.randomseed(os.time() + 7919 * (tid or 0))
end

local function pick(list)
  return list[math.random(#list)]
end

local function phone(network, roster)
  return string.format("%%2B51987%06d", network * 100 + roster)
end

local function escape(text)
  return (text:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

request = function()
  counter = counter + 1
  local roll = math.random(100)
  local network = math.random(networks)
  local from, text
  if roll <= 60 then
    from, text = phone(network, math.random(4, members)), pick(answers)
  elseif roll <= 85 then
    from, text = phone(network, math.random(1, members)), pick(menus)
  elseif roll <= 95 then
    from, text = phone(network, math.random(1, 3)), pick(leaders)
  elseif roll <= 98 then
    from, text = string.format("%%2B51999%06d", math.random(0, 999999)), "HOLA"
  else
    from, text = phone(network, math.random(4, members)), pick(helps)
  end
  local path = "/webhooks/kannel?key=" .. key .. "&from=" .. from .. "&to=4455&text=" .. escape(text)
    .. "&id=" .. run .. "-" .. (tid or 0) .. "-" .. counter .. "&ts=" .. os.time() .. "&coding=0&charset=UTF-8"
  return wrk.format("GET", path)
end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "WRKRESULT requests=%d seconds=%.3f rps=%.1f p50_us=%d p99_us=%d non2xx=%d errors=%d\n",
    summary.requests, seconds, summary.requests / seconds, latency:percentile(50), latency:percentile(99),
    summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
