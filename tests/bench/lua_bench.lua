-- SPDX-License-Identifier: MIT
-- lua_bench.lua - times fmatter.parse against lyaml (Debian lua-yaml) plus a
-- Lua string split of the fences, over examples/article.md and the files of
-- the shared corpus, in one run. Not part of make check.
--
--   lua5.4 tests/bench/lua_bench.lua      (from the top of a built tree)
--   luajit tests/bench/lua_bench.lua
--
-- Finds the module through LUA_CPATH, else in the build tree
-- ($FM_TOP_BUILDDIR, default: the current folder). Sources: $FM_TOP_SRCDIR
-- (default: two folders above this script); corpus: $FM_CORPUS_DIR (default
-- ../shared/corpus beside the sources). $FM_BENCH_SECONDS: time per row and
-- contender (default 0.5). Only files that are YAML front matter and that
-- both fmatter and lyaml load are timed, so every contender does the same
-- work. Columns, in microseconds per article:
--   split     the Lua string split of the fences alone
--   lyaml     split + lyaml.load of the front matter into Lua tables
--   parse     fmatter.parse (the C value tree, spans, body; no Lua tables)
--   +meta     fmatter.parse + doc:meta(), Lua tables like lyaml's
--   yaml      fmatter.parse with no_fast_path (always libyaml) + doc:meta()
-- and the ratios lyaml / parse and lyaml / +meta.

local script_dir = (arg and arg[0] or ""):match("^(.*)/[^/]*$") or "."
local SRCDIR = os.getenv("FM_TOP_SRCDIR") or (script_dir .. "/../..")
local BUILDDIR = os.getenv("FM_TOP_BUILDDIR") or "."
local CORPUS = os.getenv("FM_CORPUS_DIR") or (SRCDIR .. "/../shared/corpus")
local SECONDS = tonumber(os.getenv("FM_BENCH_SECONDS") or "") or 0.5
local LUA_NAME = jit and jit.version or _VERSION

local ok, fmatter = pcall(require, "fmatter")
if not ok then
    local ver = _VERSION:match("5%.4") and "5.4" or "5.1"
    package.cpath = BUILDDIR .. "/bindings/lua/" .. ver .. "/.libs/?.so;" .. package.cpath
    fmatter = require "fmatter"
end

local has_lyaml, lyaml = pcall(require, "lyaml")
if not has_lyaml then
    print(LUA_NAME .. ": lyaml is not available (" .. tostring(lyaml):match("^[^\n]*") ..
          "); timing fmatter only")
    lyaml = nil
end

local function read_file(path)
    local f = io.open(path, "rb")
    if not f then
        return nil
    end
    local s = f:read("*a")
    f:close()
    return s
end

-- The front matter between "---" fences and the body, as a plugin would
-- split them in plain Lua; nil when the text has no YAML front matter.
local function split(text)
    local first = text:match("^%-%-%-[ \t]*\r?\n()")
    if not first then
        return nil
    end
    local pos = first
    while true do
        local line_end = text:find("\n", pos, true)
        local line = text:sub(pos, (line_end or #text + 1) - 1):gsub("\r$", "")
        if line:match("^%-%-%-[ \t]*$") or line:match("^%.%.%.[ \t]*$") then
            return text:sub(first, pos - 1), text:sub((line_end or #text) + 1)
        end
        if not line_end then
            return nil
        end
        pos = line_end + 1
    end
end

local function lyaml_parse(text)
    local front, body = split(text)
    return lyaml.load(front or ""), body
end

-- The texts of the files that every contender handles: YAML front matter
-- that fmatter loads and lyaml (when present) loads as a table.
local function usable(paths)
    local texts = {}
    for _, path in ipairs(paths) do
        local text = read_file(path)
        local doc = text and fmatter.parse(text)
        if doc and doc:format() == "yaml" and split(text) then
            local good = true
            if lyaml then
                local lok, v = pcall(lyaml_parse, text)
                good = lok and type(v) == "table"
            end
            if good then
                texts[#texts + 1] = text
            end
        end
    end
    return texts
end

-- Microseconds per article of fn over texts, repeated for SECONDS.
local function time_per_article(texts, fn)
    for i = 1, #texts do -- warm up
        fn(texts[i])
    end
    collectgarbage()
    local rounds, start = 0, os.clock()
    local elapsed
    repeat
        for i = 1, #texts do
            fn(texts[i])
        end
        rounds = rounds + 1
        elapsed = os.clock() - start
    until elapsed >= SECONDS
    return elapsed * 1e6 / (rounds * #texts)
end

local contenders = {
    {"split", function(t) split(t) end},
    {"lyaml", lyaml and function(t) lyaml_parse(t) end},
    {"parse", function(t) fmatter.parse(t) end},
    {"+meta", function(t) fmatter.parse(t):meta() end},
    {"yaml", function(t) fmatter.parse(t, {no_fast_path = true}):meta() end},
}

local function list(dir)
    local paths = {}
    local quoted = "'" .. dir:gsub("'", "'\\''") .. "'"
    local p = io.popen("find " .. quoted .. " -type f -name '*.md' 2>/dev/null | sort")
    if p then
        for path in p:lines() do
            paths[#paths + 1] = path
        end
        p:close()
    end
    return paths
end

local rows = {{"examples/article.md", {SRCDIR .. "/examples/article.md"}}}
local all = {}
for _, sub in ipairs({"hugo-docs", "jekyll-docs", "gray-matter", "python-frontmatter"}) do
    local paths = list(CORPUS .. "/" .. sub)
    if #paths > 0 then
        rows[#rows + 1] = {"corpus/" .. sub, paths}
        for _, p in ipairs(paths) do
            all[#all + 1] = p
        end
    end
end
if #all > 0 then
    rows[#rows + 1] = {"corpus (all)", all}
else
    print("no corpus at " .. CORPUS .. " (set FM_CORPUS_DIR)")
end

print(string.format("%s, fmatter %s, lyaml %s; microseconds per article", LUA_NAME,
                    fmatter.version, lyaml and (lyaml._VERSION or "yes") or "absent"))
local header = string.format("%-26s %5s", "input", "files")
for _, c in ipairs(contenders) do
    header = header .. string.format(" %9s", c[1])
end
print(header .. string.format(" %11s %11s", "lyaml/parse", "lyaml/+meta"))
for _, row in ipairs(rows) do
    local texts = usable(row[2])
    if #texts > 0 then
        local line = string.format("%-26s %5d", row[1], #texts)
        local us = {}
        for _, c in ipairs(contenders) do
            us[c[1]] = c[2] and time_per_article(texts, c[2])
            line = line .. (us[c[1]] and string.format(" %9.2f", us[c[1]]) or
                            string.format(" %9s", "-"))
        end
        if us.lyaml then
            line = line .. string.format(" %10.1fx %10.1fx", us.lyaml / us.parse,
                                         us.lyaml / us["+meta"])
        end
        print(line)
    end
end
