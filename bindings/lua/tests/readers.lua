-- SPDX-License-Identifier: MIT
-- readers.lua BATTERY MANIFEST - writes every string of the battery (hex, one
-- per line) through doc:set, doc:rename and as a mapping key, each written
-- document into MANIFEST with what it must read back as, for the reader tests
-- of tests/readers/ (PyYAML, Psych, js-yaml and fmatter must each read back
-- the same strings; see tests/readers/write.c for the format). Run by
-- tests/readers/write.sh through run.sh.

local fmatter = require "fmatter"

local VALUE = "---\nk: old\nz: 1\n---\nbody\n"
local NEW_KEY = "---\nz: 1\n---\nbody\n"
local RENAME = "---\nk: v\nz: 1\n---\nbody\n"

local function unhex(h)
    return (h:gsub("%x%x", function(x) return string.char(tonumber(x, 16)) end))
end

local function hex(s)
    return (s:gsub(".", function(c) return string.format("%02x", c:byte()) end))
end

local function parse(text)
    return assert(fmatter.parse(text))
end

-- {kind, path, edit} for each way a string is written.
local edits = {
    {"value", "k", function(s) local d = parse(VALUE); assert(d:set("k", s)); return d end},
    {"value", "k", function(s) local d = parse(NEW_KEY); assert(d:set("k", s)); return d end},
    {"value", "k.0", function(s)
        local d = parse(NEW_KEY)
        assert(d:set("k", setmetatable({s}, fmatter.array_mt)))
        return d
    end},
    {"key", "m", function(s) local d = parse(NEW_KEY); assert(d:set("m", {[s] = "v"})); return d end},
    {"key", "", function(s) local d = parse(RENAME); assert(d:rename("k", s)); return d end},
}

local battery, path = arg[1], arg[2]
if not battery or not path then
    io.stderr:write("usage: readers.lua BATTERY MANIFEST\n")
    os.exit(2)
end

local manifest = assert(io.open(path, "w"))
local written, failed, i = 0, 0, 0
for line in io.lines(battery) do
    local s = unhex(line)
    for e, edit in ipairs(edits) do
        local ok, doc = pcall(edit[3], s)
        if ok then
            local name = string.format("lua%d-%05d", e - 1, i)
            manifest:write(name, "\t", edit[1], "\t", edit[2], "\t", hex(s), "\t",
                           hex(doc:dump()), "\n")
            written = written + 1
        else
            io.stderr:write(string.format("lua: writing %q failed: %s\n", s, tostring(doc)))
            failed = failed + 1
        end
    end
    i = i + 1
end
assert(manifest:close())
print(string.format("%s: wrote %d documents, %d failed", path, written, failed))
os.exit(failed == 0 and 0 or 1)
