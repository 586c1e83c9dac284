-- SPDX-License-Identifier: MIT
-- fields.lua DIALECT LIST OUT - writes to OUT one JSON line per file of LIST
-- (a file of paths, one a line) that loads: {"path": ..., "article": {...}},
-- the typed fields doc:article{dialect = DIALECT} gives, for tests/fields.sh
-- to compare with `fmatter json`. Dates are their RFC 3339 text.

local fmatter = require "fmatter"

local dialect, list, out_path = arg[1], arg[2], arg[3]
assert(dialect and list and out_path, "usage: fields.lua DIALECT LIST OUT")

-- The typed fields are everything but these.
local not_typed = {
    extra = true, body = true, body_offset = true, body_line = true,
    diagnostics = true, title_from_body = true, dialect = true,
}

local escapes = {['"'] = '\\"', ["\\"] = "\\\\", ["\n"] = "\\n", ["\r"] = "\\r", ["\t"] = "\\t"}

local function json_string(s)
    return '"' .. s:gsub('[%z\1-\31"\\]', function(c)
        return escapes[c] or string.format("\\u%04x", c:byte())
    end) .. '"'
end

local encode

local function is_array(t)
    return getmetatable(t) == fmatter.array_mt
end

local function sorted_keys(t)
    local keys = {}
    for k in pairs(t) do
        keys[#keys + 1] = k
    end
    table.sort(keys)
    return keys
end

encode = function(v)
    local t = type(v)
    if v == nil or v == fmatter.null then
        return "null"
    elseif t == "boolean" then
        return tostring(v)
    elseif t == "string" then
        return json_string(v)
    elseif t == "number" then
        if v == math.floor(v) and math.abs(v) < 2 ^ 53 then
            return string.format("%d", v)
        end
        return string.format("%.17g", v)
    elseif getmetatable(v) == fmatter.date_mt then
        return json_string(tostring(v))
    elseif is_array(v) then
        local parts = {}
        for i = 1, #v do
            parts[i] = encode(v[i])
        end
        return "[" .. table.concat(parts, ",") .. "]"
    end
    local parts = {}
    for _, k in ipairs(sorted_keys(v)) do
        parts[#parts + 1] = json_string(tostring(k)) .. ":" .. encode(v[k])
    end
    return "{" .. table.concat(parts, ",") .. "}"
end

local out = assert(io.open(out_path, "wb"))
local n = 0
for path in io.lines(list) do
    local doc = fmatter.load(path, {allow_duplicates = dialect == "jekyll"})
    local a = doc and doc:article {dialect = dialect}
    if a then
        local typed = {}
        for k, v in pairs(a) do
            if not not_typed[k] then
                typed[k] = v
            end
        end
        out:write('{"path":', json_string(path), ',"article":', encode(typed), "}\n")
        n = n + 1
    end
    if doc then
        doc:close()
    end
end
out:close()
print(string.format("fields.lua: %s: %d files", dialect, n))
