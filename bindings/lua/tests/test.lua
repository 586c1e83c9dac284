-- SPDX-License-Identifier: MIT
-- test.lua - tests of the fmatter Lua module, for Lua 5.1 / LuaJIT and 5.4.
-- Run by run.sh, which sets package.cpath (LUA_CPATH) to the build tree and
-- FM_TOP_SRCDIR, FM_TMPDIR, FM_LUA (this interpreter) and FM_CORPUS_DIR.

local fmatter = require "fmatter"

local SRCDIR = os.getenv("FM_TOP_SRCDIR") or "."
local TMPDIR = os.getenv("FM_TMPDIR") or "/tmp"
local LUA = os.getenv("FM_LUA") or (arg and arg[-1]) or "lua"
local CORPUS = os.getenv("FM_CORPUS_DIR")
local HAS_INTEGERS = math.type ~= nil -- Lua 5.3 and later

-- ------------------------------------------------------------ tiny harness

local tests, failures, checks = 0, 0, 0

local function show(v)
    if type(v) == "string" then
        return string.format("%q", v)
    end
    return tostring(v)
end

local function check(cond, msg)
    checks = checks + 1
    if not cond then
        error((msg or "check failed"), 2)
    end
end

local function eq(got, want, msg)
    checks = checks + 1
    if got ~= want then
        error(string.format("%s: expected %s, got %s", msg or "eq", show(want), show(got)), 2)
    end
end

-- Checks that fn(...) raises an error whose message contains `pattern`.
local function raises(pattern, fn, ...)
    checks = checks + 1
    local ok, err = pcall(fn, ...)
    if ok then
        error("expected an error matching " .. show(pattern), 2)
    end
    if not tostring(err):find(pattern, 1, true) then
        error(string.format("error %s does not contain %s", show(err), show(pattern)), 2)
    end
end

local function test(name, fn)
    tests = tests + 1
    local ok, err = xpcall(fn, debug.traceback)
    if ok then
        print("ok   " .. name)
    else
        failures = failures + 1
        print("FAIL " .. name .. "\n" .. tostring(err))
    end
end

local function read_file(path)
    local f = assert(io.open(path, "rb"))
    local s = f:read("*a")
    f:close()
    return s
end

local function write_file(path, s)
    local f = assert(io.open(path, "wb"))
    f:write(s)
    f:close()
end

local function lines_of(s)
    local t = {}
    for line in (s .. "\n"):gmatch("(.-)\n") do
        t[#t + 1] = line
    end
    return t
end

local function shell_quote(s)
    return "'" .. s:gsub("'", "'\\''") .. "'"
end

-- Runs a shell command; returns its output and whether it exited 0.
local function run(cmd)
    local p = assert(io.popen(cmd .. " 2>&1; echo \"exit=$?\""))
    local out = p:read("*a")
    p:close()
    local body, status = out:match("^(.*)exit=(%d+)\n$")
    return body, tonumber(status)
end

local ARTICLE = SRCDIR .. "/examples/article.md"
local ARTICLE_TEXT = read_file(ARTICLE)

-- ------------------------------------------------------------ module

test("module fields", function()
    eq(type(fmatter.parse), "function", "parse")
    eq(type(fmatter.load), "function", "load")
    eq(type(fmatter.assert_parse), "function", "assert_parse")
    eq(type(fmatter.assert_load), "function", "assert_load")
    eq(type(fmatter.new), "function", "new")
    eq(type(fmatter.version), "string", "version")
    check(fmatter.version:match("^%d+%.%d+%.%d+$"), "version format")
    eq(type(fmatter.null), "userdata", "null is a light userdata")
    eq(type(fmatter.array_mt), "table", "array_mt")
    eq(type(fmatter.map_mt), "table", "map_mt")
    eq(type(fmatter.date_mt), "table", "date_mt")
    check(fmatter.array_mt ~= fmatter.map_mt, "markers differ")
end)

-- ------------------------------------------------------------ reading

test("parse, get, keys, meta, body", function()
    local doc = assert(fmatter.parse(ARTICLE_TEXT))
    eq(doc:format(), "yaml", "format")
    eq(doc:path(), nil, "no path after parse")
    eq(doc:get("title"), "Mistral gets down to business", "title")
    eq(doc:get("date"), "2025-02-11 01:46:07", "quoted date stays a string")
    eq(doc:get("comments"), false, "bool")
    eq(doc:get("pager"), true, "bool")
    eq(doc:get("widgets.1"), "recent", "dotted index")
    eq(doc:get("nope"), nil, "absent key")
    local keys = doc:keys()
    local want = {"title", "date", "summary", "categories", "lang", "translations", "tags",
                  "menu", "thumbnail", "lead", "comments", "authorbox", "pager", "toc",
                  "mathjax", "sidebar", "widgets"}
    eq(#keys, #want, "key count")
    for i = 1, #want do
        eq(keys[i], want[i], "key " .. i)
    end
    local meta = doc:meta()
    eq(getmetatable(meta), fmatter.map_mt, "meta is a map")
    eq(meta.title, doc:get("title"), "meta.title")
    eq(#meta.widgets, 3, "meta list")
    eq(getmetatable(meta.widgets), fmatter.array_mt, "list marker")
    eq(meta.widgets[3], "taglist", "list item")
    local body = doc:body()
    check(body:sub(1, 10) == "\nHundreds ", "body start")
    eq(ARTICLE_TEXT:sub(-#body), body, "body is the end of the file")
    check(tostring(doc):find("fmatter.doc", 1, true), "tostring")
end)

test("nested values and dotted paths", function()
    local doc = assert(fmatter.load(SRCDIR .. "/tests/data/yaml/nested/input.md"))
    eq(doc:get("params.author"), "Ann", "params.author")
    eq(doc:get("params.social.0.url"), "https://x.example", "index into a list")
    local w = doc:get("menu.main.weight")
    eq(w, 10, "int")
    if HAS_INTEGERS then
        eq(math.type(w), "integer", "integer subtype")
    end
    local k = doc:keys("params")
    eq(k[1], "author", "keys(path)")
    eq(k[2], "social", "keys(path)")
    eq(doc:keys("title"), nil, "keys of a scalar")
end)

test("paths as tables of steps (indexes from 1) and quoted keys", function()
    local doc = assert(fmatter.parse(
        "---\nparams:\n  og.title: T\ntags: [a, b]\n---\n"))
    eq(doc:get{"params", "og.title"}, "T", "a key holding a dot, as a step")
    eq(doc:get('params."og.title"'), "T", "the same, quoted in a string path")
    eq(doc:get{"tags", 1}, "a", "Lua counts list items from 1")
    eq(doc:get("tags[1]"), "b", "a string path counts from 0, as C does")
    eq(doc:get{"params", "nope"}, nil, "absent")
    assert(doc:set({"params", "og.image"}, "i.png"))
    assert(doc:set({"tags", 2}, "z"))
    assert(doc:rename({"params", "og.title"}, "og:title"))
    assert(doc:unset{"tags", 1})
    eq(doc:dump(), "---\nparams:\n  og:title: T\n  og.image: i.png\ntags: [z]\n---\n",
       "edits by steps")
    local ok, msg = doc:unset{"params", "og.x"}
    eq(ok, nil, "a missing step fails")
    check(msg:find("no key 'params.\"og.x\"'", 1, true), "message names the path")
    local good = pcall(function() return doc:get{"tags", 0} end)
    eq(good, false, "index 0 is an error in Lua")
end)

test("load_many loads a list of files on the library's threads", function()
    local good = SRCDIR .. "/tests/data/yaml/nested/input.md"
    local bad = SRCDIR .. "/tests/data/yaml/duplicate-key/input.md"
    local paths = {good, bad, SRCDIR .. "/no/such/file.md", good}
    for _, threads in ipairs{1, 2, 0} do
        local docs, errors = fmatter.load_many(paths, {threads = threads})
        eq(#docs, 4, "one entry per path")
        eq(docs[1]:get("params.author"), "Ann", "loaded")
        eq(docs[4]:get("title"), "Nested", "the same file twice")
        eq(docs[2], false, "a file that does not load")
        check(errors[2]:find("duplicate key", 1, true), "its message")
        check(errors[2]:find(bad .. ":", 1, true) == 1, "the message names the file")
        check(errors[3]:find("No such file", 1, true), "an I/O error")
        eq(errors[1], nil, "no error for a loaded file")
    end
    local docs = fmatter.load_many({}, {threads = 2})
    eq(#docs, 0, "an empty list")
    local ok = pcall(fmatter.load_many, paths, {threads = -1})
    eq(ok, false, "threads out of range")
end)

test("scalar types", function()
    local doc = assert(fmatter.load(SRCDIR .. "/tests/data/yaml/types/input.md"))
    eq(doc:get("plain"), "hello", "plain")
    eq(doc:get("quoted"), "yes", "quoted")
    eq(doc:get("bool"), true, "TRUE")
    eq(doc:get("int"), 31, "hex int")
    eq(doc:get("octal"), 15, "octal int")
    eq(doc:get("float"), 1000, "float")
    if HAS_INTEGERS then
        eq(math.type(doc:get("float")), "float", "float subtype")
    end
    eq(doc:get("null_tilde"), fmatter.null, "~ is null")
    eq(doc:get("empty"), fmatter.null, "empty is null")
    eq(doc:get("big"), "99999999999999999999", "big stays text")
    local d = doc:get("date")
    eq(getmetatable(d), fmatter.date_mt, "timestamp is a date table")
    eq(d.year, 2025, "year")
    eq(d.hour, nil, "date only: no hour")
end)

test("anchors and aliases", function()
    local doc = assert(fmatter.load(SRCDIR .. "/tests/data/yaml/anchors/input.md"))
    eq(doc:get("page.layout"), "post", "alias of a mapping")
    eq(doc:get("copy.1"), 2, "alias of a list")
end)

-- ------------------------------------------------------------ round trips

test("exact round trip of examples/article.md", function()
    local doc = assert(fmatter.load(ARTICLE))
    eq(doc:dump(), ARTICLE_TEXT, "dump")
    eq(doc:path(), ARTICLE, "path")
    local again = assert(fmatter.parse(doc:dump()))
    eq(again:dump(), ARTICLE_TEXT, "parse of dump")
end)

-- Every case of tests/data: valid inputs come back byte for byte; invalid
-- ones fail with the message the tool prints (path:line:col: message).
test("tests/data cases", function()
    local p = assert(io.popen("find " .. shell_quote(SRCDIR .. "/tests/data") ..
                              " -name input.md | sort"))
    local n, bad = 0, 0
    for path in p:lines() do
        local dir = path:match("^(.*)/input%.md$")
        local expected_err = io.open(dir .. "/expected.err", "rb")
        local doc, msg, info = fmatter.load(path)
        if expected_err then
            local want = expected_err:read("*a")
            expected_err:close()
            local rest = want:match("^input%.md(.-)\n$"):gsub(": error: ", ": ", 1)
            eq(doc, nil, path .. " fails")
            eq(msg, path .. rest, path .. " message")
            eq(type(info), "table", "info")
            bad = bad + 1
        else
            check(doc, path .. ": " .. tostring(msg))
            eq(doc:dump(), read_file(path), path .. " round trip")
            doc:close()
        end
        n = n + 1
    end
    p:close()
    check(n >= 20 and bad >= 5, "found the cases (" .. n .. ")")
end)

test("round trip of the shared corpus", function()
    if not CORPUS or not io.open(CORPUS .. "/README.md") then
        print("     (no corpus at " .. tostring(CORPUS) .. ": skipped)")
        return
    end
    local p = assert(io.popen("find " .. shell_quote(CORPUS) .. " -type f -name '*.md' | sort"))
    local n, loaded = 0, 0
    for path in p:lines() do
        n = n + 1
        local doc = fmatter.load(path)
        if doc then
            loaded = loaded + 1
            local text = read_file(path)
            if doc:dump() ~= text then
                error(path .. ": round trip differs")
            end
            doc:close()
        end
    end
    p:close()
    print(string.format("     corpus: %d files, %d load and come back byte for byte", n, loaded))
    checks = checks + loaded
    check(loaded > n / 2, "most corpus files load (" .. loaded .. "/" .. n .. ")")
end)

-- ------------------------------------------------------------ editing

-- The lines of a that differ from the lines of b, as "i: a | b" strings.
local function changed_lines(a, b)
    local la, lb = lines_of(a), lines_of(b)
    local out = {}
    for i = 1, math.max(#la, #lb) do
        if la[i] ~= lb[i] then
            out[#out + 1] = i .. ": " .. tostring(la[i]) .. " | " .. tostring(lb[i])
        end
    end
    return out
end

test("set changes only the title line", function()
    local doc = assert(fmatter.parse(ARTICLE_TEXT))
    assert(doc:set("title", "Mistral means business"))
    local out = doc:dump()
    local want = ARTICLE_TEXT:gsub('^%-%-%-\ntitle: "Mistral gets down to business"\n',
                                   '---\ntitle: "Mistral means business"\n')
    eq(out, want, "exact text after set")
    local diff = changed_lines(ARTICLE_TEXT, out)
    eq(#diff, 1, "one line changed")
    eq(diff[1], '2: title: "Mistral gets down to business" | title: "Mistral means business"',
       "the title line")
    eq(doc:get("title"), "Mistral means business", "get after set")
end)

test("set, unset, rename, set_body: exact text", function()
    local doc = assert(fmatter.parse("---\na: 1\nb:\n  c: 2\nlist: [1, 2]\n---\nbody\n"))
    assert(doc:set("b.d", "x"))
    assert(doc:set("new.deep", true))
    assert(doc:rename("a", "A"))
    assert(doc:unset("list"))
    assert(doc:set_body("new body\n"))
    eq(doc:dump(), "---\nA: 1\nb:\n  c: 2\n  d: x\nnew:\n  deep: true\n---\nnew body\n", "text")
    eq(doc:body(), "new body\n", "body")
    eq(doc:get("A"), 1, "renamed")
    eq(doc:get("a"), nil, "old name gone")
end)

test("set on a document without front matter, and fmatter.new", function()
    local doc = assert(fmatter.parse("Just a body\n"))
    eq(doc:format(), "none", "no front matter")
    assert(doc:set("title", "T"))
    eq(doc:dump(), "---\ntitle: T\n---\nJust a body\n", "front matter added")
    local new = assert(fmatter.new())
    assert(new:set("title", "x"))
    eq(new:get("title"), "x", "new doc")
    raises("invalid option", fmatter.new, "ini")
    local toml = assert(fmatter.new("toml"))
    eq(toml:format(), "toml", "toml doc")
    assert(toml:set("title", "It's"))
    assert(toml:set("extra.tags", {"a", "b"}))
    eq(toml:dump(), "+++\ntitle = \"It's\"\n[extra]\ntags = [\"a\", \"b\"]\n+++\n", "toml text")
    local json = assert(fmatter.new("json"))
    eq(json:format(), "json", "json doc")
    assert(json:set("title", "J"))
    assert(json:set("tags", {"a", "b"}))
    local again = assert(fmatter.parse(json:dump()))
    eq(again:format(), "json", "json round trip")
    eq(again:get("tags.1"), "b", "json list")
end)

test("Lua values to YAML and back", function()
    local doc = assert(fmatter.parse("---\ntitle: t\n---\n"))
    assert(doc:set("s", "text"))
    assert(doc:set("i", 42))
    assert(doc:set("neg", -7))
    assert(doc:set("f", 1.5))
    assert(doc:set("b", false))
    assert(doc:set("n", fmatter.null))
    assert(doc:set("list", {"a", "b", 3}))
    assert(doc:set("map", {y = 2, x = 1, z = {1, 2}}))
    assert(doc:set("nested", {items = {{name = "a"}, {name = "b"}}}))
    local again = assert(fmatter.parse(doc:dump()))
    for _, d in ipairs({doc, again}) do
        eq(d:get("s"), "text", "string")
        eq(d:get("i"), 42, "int")
        eq(d:get("neg"), -7, "negative")
        eq(d:get("f"), 1.5, "float")
        eq(d:get("b"), false, "false")
        eq(d:get("n"), fmatter.null, "null")
        eq(d:get("list.2"), 3, "list item")
        eq(d:get("map.x"), 1, "map")
        eq(d:get("map.z.1"), 2, "map list")
        eq(d:get("nested.items.1.name"), "b", "nested")
    end
    -- Lua tables have no order: mapping keys are written sorted.
    eq(again:keys("map")[1], "x", "sorted keys")
    eq(again:keys("map")[3], "z", "sorted keys")
    if HAS_INTEGERS then
        assert(doc:set("whole", 2.0))
        eq(math.type(doc:get("whole")), "float", "2.0 stays a float")
        eq(math.type(doc:get("i")), "integer", "42 is an integer")
    else
        assert(doc:set("whole", 2.0))
        eq(doc:get("whole"), 2, "2.0 is an integer in Lua 5.1")
        check(not doc:dump():find("whole: 2.0", 1, true), "written as an integer")
    end
    -- meta() feeds back into set() unchanged
    local meta = doc:meta()
    assert(doc:set("copy", meta.nested))
    eq(doc:get("copy.items.0.name"), "a", "round trip through meta")
end)

test("null and empty containers stay distinct", function()
    local doc = assert(fmatter.parse("---\ntitle: t\n---\n"))
    assert(doc:set("empty_list", setmetatable({}, fmatter.array_mt)))
    assert(doc:set("empty_map", setmetatable({}, fmatter.map_mt)))
    assert(doc:set("plain_empty", {}))
    assert(doc:set("nothing", fmatter.null))
    local text = doc:dump()
    check(text:find("\nempty_list: []\n", 1, true), "[] written")
    check(text:find("\nempty_map: {}\n", 1, true), "{} written")
    check(text:find("\nplain_empty: {}\n", 1, true), "a bare {} is a map")
    local again = assert(fmatter.parse(text))
    local l, m, p = again:get("empty_list"), again:get("empty_map"), again:get("plain_empty")
    eq(getmetatable(l), fmatter.array_mt, "empty list")
    eq(next(l), nil, "empty")
    eq(getmetatable(m), fmatter.map_mt, "empty map")
    eq(getmetatable(p), fmatter.map_mt, "bare {} read back as a map")
    eq(again:get("nothing"), fmatter.null, "null")
    eq(again:get("missing"), nil, "absent is nil, not null")
    -- values read back set back the same way
    assert(again:set("copy_list", l))
    assert(again:set("copy_map", m))
    check(again:dump():find("\ncopy_list: []\ncopy_map: {}\n", 1, true), "markers survive")
    -- a table marked as an array must be one
    local ok, msg, info = again:set("bad", setmetatable({x = 1}, fmatter.array_mt))
    eq(ok, nil, "array_mt with string keys fails")
    eq(info.code, "type", "code")
    check(msg:find("array_mt", 1, true), "message names the marker")
end)

test("dates: date only, floating, offset", function()
    local doc = assert(fmatter.parse(
        "---\nday: 2025-02-11\nfloating: 2025-02-11T01:46:07\n" ..
        "offset: 2019-08-08 14:10:00 +0800\n" ..
        "frac: 2025-02-11T01:46:07.5Z\n---\n"))
    local d = doc:get("day")
    eq(getmetatable(d), fmatter.date_mt, "date_mt")
    eq(d.year, 2025, "year")
    eq(d.month, 2, "month")
    eq(d.day, 11, "day")
    eq(d.hour, nil, "no hour")
    eq(d.utc_offset, nil, "no offset")
    eq(tostring(d), "2025-02-11", "tostring date")
    local f = doc:get("floating")
    eq(f.hour, 1, "hour")
    eq(f.min, 46, "min")
    eq(f.sec, 7, "sec")
    eq(f.nsec, 0, "nsec")
    eq(f.utc_offset, nil, "floating: offset nil")
    eq(tostring(f), "2025-02-11T01:46:07", "tostring floating")
    local o = doc:get("offset")
    eq(o.utc_offset, 480, "+0800 in minutes")
    eq(o.hour, 14, "hour as written")
    eq(tostring(o), "2019-08-08T14:10:00+08:00", "tostring offset")
    eq(doc:get("frac").nsec, 500000000, "fraction")
    eq(doc:get("frac").utc_offset, 0, "Z")
    -- os.time accepts them (year, month, day, hour, min, sec)
    -- (Lua 5.3+ os.time writes normalized fields back, so give it copies.)
    local function copy(t)
        local c = {}
        for k, v in pairs(t) do
            c[k] = v
        end
        return c
    end
    local t = os.time(copy(f))
    eq(type(t), "number", "os.time")
    eq(os.date("%Y-%m-%d %H:%M:%S", t), "2025-02-11 01:46:07", "os.time reads the fields")
    eq(os.date("%Y-%m-%d %H:%M:%S", os.time(copy(d))), "2025-02-11 12:00:00",
       "os.time of a date only: noon, as Lua reads a table without hour")
    -- fmatter.time honours the offset
    eq(fmatter.time(o), 1565244600, "epoch of an offset time")
    eq(fmatter.time(f), 1739238367, "floating read at UTC")
    eq(fmatter.time(f, 60), 1739238367 - 3600, "floating read at +01:00")
    -- set them back
    assert(doc:set("copy_day", d))
    assert(doc:set("copy_offset", o))
    assert(doc:set("copy_floating", f))
    assert(doc:set("made", fmatter.date {year = 2024, month = 12, day = 31, hour = 23,
                                         min = 59, sec = 58, utc_offset = -300}))
    assert(doc:set("made_day", setmetatable({year = 2024, month = 1, day = 2}, fmatter.date_mt)))
    local text = doc:dump()
    check(text:find("\ncopy_day: 2025-02-11\n", 1, true), "date only written")
    check(text:find("\ncopy_offset: 2019-08-08T14:10:00+08:00\n", 1, true), "offset written")
    -- a time without a zone is written with a space: Go's yaml reads the T form
    -- without a zone as a string
    check(text:find("\ncopy_floating: 2025-02-11 01:46:07\n", 1, true),
          "floating written")
    check(text:find("\nmade: 2024-12-31T23:59:58-05:00\n", 1, true), "made written")
    check(text:find("\nmade_day: 2024-01-02\n", 1, true), "made_day written")
    local again = assert(fmatter.parse(text))
    eq(again:get("made").utc_offset, -300, "re-read offset")
    eq(again:get("copy_floating").utc_offset, nil, "re-read floating")
    -- a date table from os.date("*t") once marked
    local now = setmetatable(os.date("*t", 0), fmatter.date_mt)
    assert(doc:set("epoch", now))
    eq(doc:get("epoch").year, os.date("*t", 0).year, "os.date table")
    -- fmatter.date parses text and checks tables
    eq(tostring(fmatter.date("2025-02-11 01:46:07 +0800")), "2025-02-11T01:46:07+08:00", "date()")
    local bad, msg, info = fmatter.date {year = 2025, month = 2, day = 30}
    eq(bad, nil, "February 30")
    eq(info.code, "date", "code")
    eq(msg, "<date>: not a valid date: 2025-02-30", "message")
    eq(select(3, fmatter.date {year = 2025, month = 1, day = 1, min = 5}).code, "date",
       "min without hour")
    eq(select(3, fmatter.date {year = 2025, month = 1, day = 1.5}).code, "type", "fraction")
    eq(fmatter.date("soon"), nil, "not a date")
    local n = fmatter.now()
    check(n.year >= 2024 and n.utc_offset ~= nil, "now has an offset")
end)

-- ------------------------------------------------------------ errors

test("TOML front matter: values, a time of day, edits in TOML", function()
    local doc = assert(fmatter.parse(
        "+++\ntitle = 'T'\nwhen = 07:32:00.5\nday = 2025-02-11\n" ..
        "[extra]\nn = 0x10\ntags = [\"a\", \"b\"]\n+++\nbody\n"))
    eq(doc:format(), "toml", "format")
    eq(doc:get("extra.n"), 16, "hex integer")
    eq(doc:get("extra.tags")[2], "b", "array")
    eq(doc:get("day").day, 11, "local date")
    local t = doc:get("when")
    eq(getmetatable(t), fmatter.date_mt, "a time of day is a date table")
    eq(t.year, nil, "no year")
    eq(t.month, nil, "no month")
    eq(t.day, nil, "no day")
    eq(t.hour, 7, "hour")
    eq(t.min, 32, "min")
    eq(t.nsec, 500000000, "nsec")
    eq(tostring(t), "07:32:00.5", "tostring time of day")
    eq(tostring(fmatter.date {hour = 23, min = 59, sec = 60}), "23:59:60", "time table")
    local none, msg = fmatter.time(t)
    eq(none, nil, "no epoch seconds without a date")
    eq(msg, "<date>: date out of range", "message")
    assert(doc:set("title", "U"))
    assert(doc:set("extra.at", t))
    eq(doc:dump(), "+++\ntitle = 'U'\nwhen = 07:32:00.5\nday = 2025-02-11\n" ..
        "[extra]\nn = 0x10\ntags = [\"a\", \"b\"]\nat = 07:32:00.5\n+++\nbody\n", "TOML edits")
    local ok, emsg, info = doc:set("gone", fmatter.null)
    eq(ok, nil, "TOML has no null")
    eq(info.code, "emit", "code")
    eq(emsg, "<string>: cannot set 'gone': TOML has no null", "message")
    local yaml = assert(fmatter.parse("---\na: 1\n---\n"))
    local bad, why = yaml:set("at", t)
    eq(bad, nil, "a time of day cannot go into YAML")
    eq(why, "<string>: cannot set 'at': a time of day without a date cannot be written in YAML",
       "set message")
    bad, why = yaml:set("list", {t})
    eq(bad, nil, "nor inside a list")
    eq(why, "<string>: cannot set 'list': a time of day without a date cannot be written in YAML",
       "list message")
end)

test("parse errors: duplicate key", function()
    local doc, msg, info = fmatter.parse("---\ntitle: one\ndraft: false\ntitle: two\n---\nBody\n")
    eq(doc, nil, "fails")
    eq(msg, '<string>:4:1: duplicate key "title" (first at line 2, column 1)', "message")
    eq(info.line, 4, "line")
    eq(info.column, 1, "column")
    eq(info.code, "duplicate-key", "code")
    eq(info.message, 'duplicate key "title" (first at line 2, column 1)', "raw message")
    -- the option lets the last one win
    local ok = assert(fmatter.parse("---\ntitle: one\ntitle: two\n---\n",
                                    {allow_duplicates = true}))
    eq(ok:get("title"), "two", "allow_duplicates")
end)

test("parse errors: syntax", function()
    local doc, msg, info = fmatter.parse('---\ntitle: "open\ndate: 2025-01-01\n---\nBody\n')
    eq(doc, nil, "fails")
    eq(msg, "<string>:4:1: found unexpected end of stream " ..
            "(while scanning a quoted scalar at line 2, column 8)", "message")
    eq(info.line, 4, "line")
    eq(info.column, 1, "column")
    eq(info.code, "syntax", "code")
end)

test("load errors and assert variants", function()
    local path = SRCDIR .. "/tests/data/yaml/duplicate-key/input.md"
    local doc, msg, info = fmatter.load(path)
    eq(doc, nil, "fails")
    eq(msg, path .. ':4:1: duplicate key "title" (first at line 2, column 1)', "message")
    eq(info.code, "duplicate-key", "code")
    local missing = TMPDIR .. "/does-not-exist.md"
    doc, msg, info = fmatter.load(missing)
    eq(doc, nil, "missing file")
    eq(info.code, "io", "io code")
    eq(info.line, 0, "no line")
    check(msg:find(missing .. ": ", 1, true) == 1, "message starts with the path: " .. msg)
    raises('<string>:4:1: duplicate key "title"', fmatter.assert_parse,
           "---\ntitle: one\ndraft: false\ntitle: two\n---\n")
    raises(path .. ":4:1: duplicate key", fmatter.assert_load, path)
    eq(fmatter.assert_parse("---\na: 1\n---\n"):get("a"), 1, "assert_parse success")
    eq(fmatter.assert_load(ARTICLE):get("pager"), true, "assert_load success")
    raises("bad argument #1", fmatter.parse, nil)
    raises("bad argument #1", fmatter.parse, {})
    -- an unclosed fence: an error, or the body with lenient
    eq(select(3, fmatter.parse("---\na: 1\n")).code, "unterminated", "unterminated")
    eq(assert(fmatter.parse("---\na: 1\n", {lenient = true})):format(), "none", "lenient")
end)

test("edit errors return nil, message, info", function()
    local doc = assert(fmatter.parse("---\ntitle: t\n---\n"))
    local ok, msg, info = doc:unset("missing")
    eq(ok, nil, "unset missing")
    eq(info.code, "not-found", "code")
    check(msg:find("<string>: ", 1, true) == 1, "message prefix: " .. msg)
    ok, msg, info = doc:set("f", print)
    eq(ok, nil, "function")
    eq(msg, "<string>: cannot store a function in front matter", "message")
    eq(info.code, "type", "code")
    ok, msg, info = doc:set("x", nil)
    eq(ok, nil, "nil")
    eq(info.code, "argument", "nil code")
    ok, msg, info = doc:set("x", "\255\254")
    eq(info.code, "encoding", "invalid UTF-8")
    ok, msg, info = doc:set("x", {1, nil, 3})
    eq(info.code, "type", "holes")
    local t = {}
    t.self = t
    ok, msg, info = doc:set("x", t)
    eq(info.code, "too-deep", "cycle")
    ok, msg, info = doc:set("x", {[true] = 1})
    eq(info.code, "type", "boolean key")
    ok, msg, info = doc:rename("missing", "other")
    eq(ok, nil, "rename missing")
    eq(info.code, "not-found", "rename code")
    eq(doc:dump(), "---\ntitle: t\n---\n", "failed edits change nothing")
    ok, msg, info = doc:save()
    eq(ok, nil, "save without a path")
    check(msg:find("<string>: ", 1, true) == 1, "save message")
end)

-- ------------------------------------------------------------ convert

test("convert: exact text in each format, the library's errors", function()
    local src = "---\n# The title\ntitle: Hello # shown\nparams:\n  author: Ann\n" ..
                "tags: [a, b]\ndate: 2025-02-11\n---\nBody\n"
    local doc = assert(fmatter.parse(src))
    eq(doc:convert("toml"), true, "to toml")
    eq(doc:dump(), "+++\n# The title\ntitle = \"Hello\" # shown\ntags = [\"a\", \"b\"]\n" ..
                   "date = 2025-02-11\n\n[params]\nauthor = \"Ann\"\n+++\nBody\n", "toml text")
    eq(doc:format(), "toml", "toml format")
    eq(doc:get("date").month, 2, "a date stays a date")
    assert(doc:convert("json"))
    eq(doc:dump(), "{\n  \"title\": \"Hello\",\n  \"tags\": [\"a\", \"b\"],\n" ..
                   "  \"date\": \"2025-02-11\",\n  \"params\": {\n    \"author\": \"Ann\"\n" ..
                   "  }\n}\nBody\n", "json text")
    assert(doc:convert("yaml"))
    eq(doc:dump(), "---\ntitle: Hello\ntags:\n  - a\n  - b\ndate: \"2025-02-11\"\nparams:\n" ..
                   "  author: Ann\n---\nBody\n", "yaml text")
    assert(doc:convert("yaml"))
    eq(doc:format(), "yaml", "same format: unchanged")

    local bad = "---\nlist:\n  - a\n  - {b: ~}\n---\n"
    doc = assert(fmatter.parse(bad))
    local ok, msg, info = doc:convert("toml")
    eq(ok, nil, "null in toml")
    eq(msg, "<string>:4:9: 'list[1].b' is null: TOML has no null", "message")
    eq(info.code, "convert", "code")
    eq(info.line, 4, "line")
    eq(info.column, 9, "column")
    eq(doc:dump(), bad, "a refused conversion changes nothing")
    raises("invalid option 'xml'", doc.convert, doc, "xml")
end)

-- ------------------------------------------------------------ saving

test("save: in place and to a new path", function()
    local path = TMPDIR .. "/save.md"
    write_file(path, ARTICLE_TEXT)
    local doc = assert(fmatter.load(path))
    assert(doc:set("draft", true))
    assert(doc:save())
    eq(read_file(path), doc:dump(), "saved in place")
    check(read_file(path):find("\ndraft: true\n---\n", 1, true), "new key at the end")
    local other = TMPDIR .. "/other.md"
    assert(doc:save(other))
    eq(read_file(other), doc:dump(), "saved elsewhere")
    local ok, msg, info = doc:save(TMPDIR .. "/no/such/dir/x.md")
    eq(ok, nil, "unwritable")
    eq(info.code, "io", "io")
    os.remove(path)
    os.remove(other)
end)

test("save: a file changed on disk is a conflict unless forced", function()
    local path = TMPDIR .. "/conflict.md"
    write_file(path, "---\ntitle: t\n---\n")
    local doc = assert(fmatter.load(path))
    assert(doc:set("title", "mine"))
    write_file(path, "---\ntitle: theirs\n---\n")
    local ok, msg, info = doc:save()
    eq(ok, nil, "conflict")
    eq(info.code, "conflict", "conflict code")
    eq(msg, path .. ": cannot save " .. path .. ": the file changed since it was loaded",
       "conflict message")
    eq(read_file(path), "---\ntitle: theirs\n---\n", "untouched")
    assert(doc:save({force = true}))
    eq(read_file(path), "---\ntitle: mine\n---\n", "forced")
    assert(doc:set("title", "again"))
    assert(doc:save())
    eq(read_file(path), "---\ntitle: again\n---\n", "saved after a save")
    write_file(path, "---\ntitle: theirs\n---\n")
    assert(doc:save(nil, {force = true}))
    eq(read_file(path), "---\ntitle: again\n---\n", "forced with a nil path")
    raises("table expected", function() doc:save(path, "force") end)
    os.remove(path)
end)

-- ------------------------------------------------------------ article

test("article: every typed field", function()
    local doc = assert(fmatter.parse(table.concat({
        "---",
        "title: T", "summary: S", "description: D", "slug: s", "url: /u/", "permalink: /p/",
        "layout: post", "type: page", "author: Ann", "menu: main", "thumbnail: t.png",
        "lead: L", "sidebar: right",
        "tags: [a, b]", "categories: [c]", "keywords: [k]", "aliases: [/old/]",
        "authors: [Ann, Bob]", "images: [i.png]", "series: [s1]", "lang: [en]",
        "translations: [fr]", "widgets: [search]",
        "date: 2025-02-11", "lastmod: 2025-02-12T10:00:00+01:00",
        "publishDate: 2025-02-10T08:00:00", "expiryDate: 2026-01-01",
        "draft: true", "comments: false", "authorbox: true", "pager: false", "toc: true",
        "mathjax: false", "weight: 5",
        "params: {x: 1}", "custom: value",
        "---", "# Heading", "", "Body text.", ""}, "\n")))
    local a = assert(doc:article())
    local strings = {title = "T", summary = "S", description = "D", slug = "s", url = "/u/",
                     permalink = "/p/", layout = "post", type = "page", author = "Ann",
                     menu = "main", thumbnail = "t.png", lead = "L", sidebar = "right"}
    for k, v in pairs(strings) do
        eq(a[k], v, k)
    end
    local lists = {tags = "a", categories = "c", keywords = "k", aliases = "/old/",
                   authors = "Ann", images = "i.png", series = "s1", lang = "en",
                   translations = "fr", widgets = "search"}
    for k, v in pairs(lists) do
        eq(type(a[k]), "table", k)
        eq(a[k][1], v, k .. "[1]")
    end
    eq(#a.authors, 2, "authors")
    eq(a.date.day, 11, "date")
    eq(a.date.hour, nil, "date only")
    eq(a.lastmod.utc_offset, 60, "lastmod offset")
    eq(a.publish_date.hour, 8, "publishDate")
    eq(a.publish_date.utc_offset, nil, "floating publishDate")
    eq(a.expiry_date.year, 2026, "expiryDate")
    eq(getmetatable(a.lastmod), fmatter.date_mt, "date_mt")
    check(os.time(a.lastmod), "os.time accepts article dates")
    eq(a.draft, true, "draft")
    eq(a.comments, false, "comments")
    eq(a.authorbox, true, "authorbox")
    eq(a.pager, false, "pager")
    eq(a.toc, true, "toc")
    eq(a.mathjax, false, "mathjax")
    eq(a.weight, 5, "weight")
    eq(a.extra.custom, "value", "extra")
    eq(a.extra.params.x, 1, "extra nested")
    eq(a.extra.title, nil, "typed keys are not extra")
    eq(#a.diagnostics, 0, "no diagnostics")
    eq(a.title_from_body, false, "title from front matter")
    eq(a.body, "# Heading\n\nBody text.\n", "body")
    eq(a.body_line, 39, "body line")
    eq(type(a.body_offset), "number", "body offset")

    local empty = assert(fmatter.parse("no front matter\n")):article()
    eq(empty.title, nil, "unset string")
    eq(empty.tags, nil, "unset list")
    eq(empty.date, nil, "unset date")
    eq(empty.draft, nil, "unset bool")
    eq(empty.weight, nil, "unset weight")
    eq(type(empty.title_from_body), "boolean", "title_from_body")
end)

test("article: diagnostics and strict", function()
    local text = "---\ndate: not a date\nweight: x\n---\n"
    local a = assert(fmatter.parse(text)):article()
    eq(#a.diagnostics, 2, "two diagnostics")
    local d = a.diagnostics[1]
    eq(d.code, "date", "code")
    eq(d.key, "date", "key")
    eq(d.line, 2, "line")
    eq(d.column, 7, "column")
    eq(type(d.message), "string", "message")
    eq(a.diagnostics[2].code, "type", "weight type")
    eq(a.date, nil, "bad date unset")
    local ok, msg, info = assert(fmatter.parse(text)):article {strict = true}
    eq(ok, nil, "strict fails")
    eq(info.code, "date", "strict code")
    eq(msg:sub(1, 15), "<string>:2:7: \"", "strict message")
end)

test("article: dialects", function()
    local doc = assert(fmatter.parse(table.concat({
        "---", "tags: release notes", "keywords: a b", "draft: \"yes\"", "params: {x: 1}",
        "linkTitle: L", "---", ""}, "\n")))
    local g = assert(doc:article())
    eq(g.dialect, "generic", "generic by default")
    eq(#g.tags, 2, "generic splits tags")
    eq(g.link_title, nil, "generic reads no linkTitle")
    eq(g.extra.params.x, 1, "generic: params in extra")
    local h = assert(doc:article {dialect = "hugo"})
    eq(h.dialect, "hugo", "hugo")
    eq(#h.tags, 1, "one Hugo term")
    eq(h.tags[1], "release notes", "the term")
    eq(#h.keywords, 2, "Hugo splits keywords")
    eq(h.draft, false, "draft: \"yes\" is false to Hugo")
    eq(h.link_title, "L", "linkTitle")
    eq(h.params.x, 1, "params kept as a mapping")
    eq(h.extra.params, nil, "params not in extra")
    eq(#h.diagnostics, 2, "two warnings")
    eq(h.diagnostics[1].line, 3, "keywords line")
    eq(h.diagnostics[1].column, 11, "keywords column")
    eq(h.diagnostics[2].message,
       "\"draft\": expected a boolean, found string \"yes\" (Hugo reads false)", "message")
    local j = assert(fmatter.parse("---\n---\n")):article {
        dialect = "jekyll", path = "_posts/2024-01-02-a-b.md", site = "/site"}
    eq(j.title, "A B", "Jekyll title from the file name")
    eq(j.slug, "a-b", "slug")
    eq(j.date.year, 2024, "date from the name")
    eq(j.date.hour, nil, "a date only")
    eq(j.published, true, "published by default")
    eq(j.draft, false, "not a draft")
    eq(#j.tags, 0, "no tags")
    local z = assert(fmatter.parse("---\ntaxonomies: {tags: [a]}\nextra: {k: v}\n---\n"))
    local za = assert(z:article {dialect = "zola", path = "2024-05-06_x.md"})
    eq(za.tags[1], "a", "Zola taxonomies")
    eq(za.extra.k, "v", "Zola extra")
    eq(za.slug, "x", "Zola slug")
    eq(za.taxonomies.tags[1], "a", "taxonomies kept")
    raises("dialect must be generic, hugo, jekyll or zola", doc.article, doc,
           {dialect = "wordpress"})
    raises("option must be a string", doc.article, doc, {path = 5})
    local ok, msg, info = doc:article {dialect = "hugo", strict = true}
    eq(ok, nil, "strict fails on the first warning")
    eq(info.code, "type", "its code")
    eq(info.line, 3, "its line")
end)

-- ------------------------------------------------------------ body

test("body: html, text, summary, headings, counts", function()
    local doc = assert(fmatter.parse(
        "---\ntitle: t\n---\n# Top \"quoted\"\n\nOne two three.\nFour\n\n## Second part\n\n" ..
        "<b>raw</b>\n"))
    local html = doc:html()
    check(html:find('<h1>Top &quot;quoted&quot;</h1>', 1, true), "html: " .. html)
    check(html:find("<!-- raw HTML omitted -->", 1, true), "raw HTML dropped by default")
    check(doc:html {unsafe = true}:find("<b>raw</b>", 1, true), "unsafe keeps it")
    check(doc:html {smart = true}:find("“quoted”", 1, true), "smart quotes")
    check(doc:html {hardbreaks = true}:find("three.<br />", 1, true), "hard breaks")
    check(doc:html {sourcepos = true}:find('data-sourcepos="4:1', 1, true), "whole-file lines")
    local text = doc:text()
    check(text:find("One two three.", 1, true) and not text:find("<", 1, true), "text: " .. text)
    local h = doc:headings()
    eq(#h, 2, "headings")
    eq(h[1].level, 1, "level")
    eq(h[1].text, 'Top "quoted"', "text")
    eq(h[1].anchor, "top-quoted", "anchor")
    eq(h[1].line, 4, "line")
    eq(h[2].anchor, "second-part", "anchor 2")
    eq(h[2].level, 2, "level 2")
    check(doc:toc():find('<a href="#second-part">', 1, true), "toc")
    check(doc:toc(true):find("[Second part](#second-part)", 1, true), "markdown toc")
    check(text:find("raw", 1, true), "the text of inline HTML is kept")
    eq(doc:word_count(), 9, "words")
    eq(doc:reading_time(), 1, "reading time")
    eq(doc:stats().words, 9, "stats")

    local s = doc:summary(3)
    eq(s.rule, "words", "rule")
    eq(s.truncated, true, "truncated")
    eq(type(s.markdown), "string", "markdown")
    eq(type(s.text), "string", "text")
    local more = assert(fmatter.parse("Intro here.\n\n<!--more-->\n\nRest.\n")):summary()
    eq(more.rule, "more", "more rule")
    eq(more.text, "Intro here.", "more text")
    local front = assert(fmatter.parse(ARTICLE_TEXT)):summary {words = 10}
    eq(front.rule, "front-matter", "front matter summary")
    local sep = assert(fmatter.parse("A.\n\n---cut---\n\nB.\n")):summary {separator = "---cut---"}
    eq(sep.rule, "separator", "separator")
    raises("bad argument #2", doc.summary, doc, -1)
    local article = assert(fmatter.load(ARTICLE))
    eq(article:headings()[1].text, "Renewed focus on the enterprise market", "article heading")
    check(article:word_count() > 1000, "article words")
end)

-- ------------------------------------------------------------ lifetime

test("close and use after close", function()
    local doc = assert(fmatter.parse(ARTICLE_TEXT))
    doc:close()
    doc:close() -- twice is fine
    eq(tostring(doc), "fmatter.doc (closed)", "tostring")
    local methods = {"get", "keys", "meta", "body", "dump", "format", "path", "set", "unset",
                     "rename", "convert", "set_body", "save", "article", "html", "text", "summary",
                     "headings", "toc", "word_count", "reading_time", "stats"}
    for _, m in ipairs(methods) do
        raises("closed document", doc[m], doc, "title", "x")
    end
    raises("fmatter.doc expected", doc.get, {}, "title")
    raises("fmatter.doc expected", doc.get, io.stdout, "title")
    eq(getmetatable(doc), false, "metatable is protected")
    doc = nil
    collectgarbage()
    collectgarbage() -- __gc after close frees nothing twice
    if _VERSION == "Lua 5.4" then -- to-be-closed variables (a syntax error in 5.1)
        local kept = assert(load([[
            local fmatter, text = ...
            local doc <close> = assert(fmatter.parse(text))
            return doc
        ]]))(fmatter, ARTICLE_TEXT)
        eq(tostring(kept), "fmatter.doc (closed)", "closed at the end of its scope")
    end
end)

-- Resident memory in KB when /proc tells it, else nil.
local function rss_kb()
    local f = io.open("/proc/self/statm")
    if not f then
        return nil
    end
    local _, resident = f:read("*n", "*n")
    f:close()
    return resident and resident * 4
end

test("garbage collection over 20,000 documents", function()
    collectgarbage()
    collectgarbage()
    local count0, rss0 = collectgarbage("count"), rss_kb()
    local max_count, max_rss = count0, rss0
    for i = 1, 20000 do
        local doc = fmatter.parse(ARTICLE_TEXT)
        if i % 10 == 0 then
            local _ = doc:meta()
            doc:set("title", "n" .. i)
        end
        if i % 1000 == 0 then
            max_count = math.max(max_count, collectgarbage("count"))
            local r = rss_kb()
            if r then
                max_rss = math.max(max_rss, r)
            end
        end
        if i % 7 == 0 then
            doc:close()
        end
    end
    collectgarbage()
    collectgarbage()
    local grow = max_count - count0
    print(string.format("     Lua heap: %.0f KB at start, %.0f KB at most; RSS %s KB to %s KB",
                        count0, max_count, tostring(rss0), tostring(max_rss)))
    check(grow < 2048, "Lua heap stays bounded (grew " .. grow .. " KB)")
    -- (AddressSanitizer keeps freed memory in quarantine: RSS says nothing then.)
    if rss0 and os.getenv("FM_SANITIZED") ~= "yes" then
        check(max_rss - rss0 < 32 * 1024, "RSS stays bounded (grew " .. (max_rss - rss0) .. " KB)")
    end
end)

-- ------------------------------------------------------------ examples

test("examples/drafts.lua lists the drafts of a folder", function()
    local dir = TMPDIR .. "/content"
    os.execute("rm -rf " .. shell_quote(dir) .. "; mkdir -p " .. shell_quote(dir .. "/posts/sub"))
    write_file(dir .. "/posts/a.md", "---\ntitle: Published\ndraft: false\n---\nA\n")
    write_file(dir .. "/posts/b.md",
               "---\ntitle: Second draft\ndraft: true\ndate: 2025-03-01\n---\n")
    write_file(dir .. "/posts/sub/c.md",
               "---\ntitle: First draft\ndraft: true\ndate: 2024-12-31T10:00:00+01:00\n---\n")
    write_file(dir .. "/posts/sub/d.md", "---\ntitle: Jekyll style\npublished: false\n---\n")
    -- YAML 1.2 reads `yes` as a string; the typed draft field takes it as true
    write_file(dir .. "/posts/e.md", "---\nno title: true\ndraft: yes\n---\n")
    write_file(dir .. "/notes.txt", "---\ndraft: true\n---\n")
    local out, status = run(shell_quote(LUA) .. " " ..
                            shell_quote(SRCDIR .. "/bindings/lua/examples/drafts.lua") .. " " ..
                            shell_quote(dir))
    eq(status, 0, "exit status (output: " .. out .. ")")
    eq(out, "2024-12-31T10:00:00+01:00\tposts/sub/c.md\tFirst draft\n" ..
            "2025-03-01\tposts/b.md\tSecond draft\n" ..
            "-\tposts/e.md\t(untitled)\n" ..
            "-\tposts/sub/d.md\tJekyll style\n" ..
            "4 drafts in 5 files\n", "output")
    -- a broken file is reported and makes the exit status 1
    write_file(dir .. "/posts/broken.md", "---\ntitle: a\ntitle: b\n---\n")
    out, status = run(shell_quote(LUA) .. " " ..
                      shell_quote(SRCDIR .. "/bindings/lua/examples/drafts.lua") .. " " ..
                      shell_quote(dir))
    eq(status, 1, "exit status with a broken file")
    check(out:find("broken.md:3:1: duplicate key", 1, true), "error reported: " .. out)
end)

test("examples/bump_lastmod.lua sets lastmod", function()
    local a, b = TMPDIR .. "/bump-a.md", TMPDIR .. "/bump-b.md"
    write_file(a, "---\ntitle: A\nlastMod: 2020-01-01\ntags: [x]\n---\nBody\n")
    write_file(b, "---\ntitle: B\n---\nBody\n")
    local out, status = run(shell_quote(LUA) .. " " ..
                            shell_quote(SRCDIR .. "/bindings/lua/examples/bump_lastmod.lua") ..
                            " --date 2025-03-01T12:00:00+01:00 " .. shell_quote(a) .. " " ..
                            shell_quote(b))
    eq(status, 0, "exit status (output: " .. out .. ")")
    eq(out, a .. ": lastMod = 2025-03-01T12:00:00+01:00\n" ..
            b .. ": lastmod = 2025-03-01T12:00:00+01:00\n", "output")
    eq(read_file(a), "---\ntitle: A\nlastMod: 2025-03-01T12:00:00+01:00\ntags: [x]\n---\nBody\n",
       "existing key changed in place")
    eq(read_file(b), "---\ntitle: B\nlastmod: 2025-03-01T12:00:00+01:00\n---\nBody\n",
       "new key added")
    out, status = run(shell_quote(LUA) .. " " ..
                      shell_quote(SRCDIR .. "/bindings/lua/examples/bump_lastmod.lua") .. " " ..
                      shell_quote(b))
    eq(status, 0, "now")
    local again = assert(fmatter.load(b))
    check(again:get("lastmod").utc_offset ~= nil, "now has an offset")
end)

-- ------------------------------------------------------------ summary

local lua_name = _VERSION .. (jit and (" / " .. jit.version) or "")
print(string.format("%s: %d tests, %d checks, %d failed", lua_name, tests, checks, failures))
os.exit(failures == 0 and 0 or 1, true) -- close the state: __gc runs, valgrind sees no leak
