# SPDX-License-Identifier: MIT
# psych.rb MANIFEST... - the readers test's Ruby reader: loads the front
# matter of every document of each manifest as Jekyll does (the text from the
# opening --- line to the closing one, given to Psych.safe_load with Date and
# Time permitted, as Jekyll::YAML.safe_load calls it) and compares it with
# what the manifest expects (see write.c). Prints each mismatch (at most 40
# per manifest) and a line per manifest; exits 1 when anything read back
# wrong.
require 'yaml'
require 'date'
require 'time'

SHOW_AT_MOST = 40

def front_matter(text)
  lines = text.split("\n", -1)
  raise ArgumentError, 'no opening ---' unless lines[0].sub(/[ \t\r]+\z/, '') == '---'
  close = (1...lines.size).find { |i| ['---', '...'].include?(lines[i].sub(/[ \t\r]+\z/, '')) }
  raise ArgumentError, 'no closing ---' unless close
  lines[0...close].join("\n") + "\n"
end

def walk(data, path)
  path.split('.').each do |part|
    if data.is_a?(Array) && part.match?(/\A\d+\z/)
      data = data[part.to_i]
    elsif data.is_a?(Hash)
      data = data[part]
    else
      return nil
    end
  end
  data
end

def expected_float(want)
  { '.inf' => Float::INFINITY, '-.inf' => -Float::INFINITY, '.nan' => Float::NAN }
    .fetch(want) { Float(want) }
end

# Psych reads a time without a zone as UTC.
def datetime_ok(got, want)
  return false unless got.instance_of?(Time)
  zoned = want.match?(/(Z|[-+]\d\d:\d\d)\z/)
  exp = Time.iso8601(zoned ? want : want + 'Z')
  got.to_r == exp.to_r && (!zoned || got.utc_offset == exp.utc_offset)
end

def typed_ok(got, kind, want)
  case kind
  when 'int' then got.instance_of?(Integer) && got == Integer(want, 10)
  when 'float'
    w = expected_float(want)
    got.instance_of?(Float) &&
      (w.nan? ? got.nan? : got == w && (1.0 / got).positive? == (1.0 / w).positive?)
  when 'bool' then got == (want == 'true')
  when 'null' then got.nil?
  when 'date' then got.instance_of?(Date) && got == Date.iso8601(want)
  when 'datetime' then datetime_ok(got, want)
  else false
  end
end

# A mapping's pairs as kind "pairs" spells them: key=text, key=#integer.
def pairs(mapping)
  mapping.map do |k, v|
    text = if v.instance_of?(String) then v
           elsif v.instance_of?(Integer) then "##{v}"
           else "?#{v.inspect}"
           end
    "#{k}=#{text}"
  end.join("\n")
end

def check(data, kind, path, want)
  if kind == 'pairs'
    got = walk(data, path)
    return got.is_a?(Hash) && pairs(got) == want
  end
  return false unless data.is_a?(Hash) && data['z'].instance_of?(Integer) && data['z'] == 1
  got = walk(data, path)
  case kind
  when 'value' then got.instance_of?(String) && got == want
  when 'key' then got.is_a?(Hash) && got.key?(want) && got[want] == 'v'
  else typed_ok(got, kind, want)
  end
end

def check_manifest(manifest, name)
  checked = wrong = 0
  File.readlines(manifest, chomp: true).each do |line|
    doc, kind, path, hexed, written = line.split("\t", -1)
    want = [hexed].pack('H*').force_encoding('UTF-8')
    text = [written].pack('H*').force_encoding('UTF-8')
    checked += 1
    begin
      data = Psych.safe_load(front_matter(text), permitted_classes: [Date, Time])
      ok = check(data, kind, path, want)
      got = data.is_a?(Hash) ? walk(data, path) : data
    rescue StandardError, Psych::Exception => e
      ok = false
      got = e
    end
    next if ok

    wrong += 1
    next if wrong > SHOW_AT_MOST

    puts "#{doc}: #{kind} at '#{path}': expected #{want.inspect}, read #{got.inspect} " \
         "from #{text.inspect}"
  end
  puts "#{name}: #{manifest}: #{checked} documents, #{wrong} read back wrong"
  wrong
end

if ARGV.empty?
  warn 'usage: psych.rb MANIFEST...'
  exit 2
end
name = "Psych #{Psych::VERSION} (libyaml #{Psych::LIBYAML_VERSION}, Ruby #{RUBY_VERSION})"
wrong = ARGV.sum { |m| check_manifest(m, name) }
exit(wrong.zero? ? 0 : 1)
