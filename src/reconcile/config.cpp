// Reading tally.json: discovery from the working directory upwards, JSON with
// comments, strict validation (unknown keys and wrong types are errors that
// name the key path and, when it can be found, its line), and the per-path
// lookups (overrides, ignores) the rest of the program asks for.
#include <tally/config.hpp>

#include <array>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace tally {

std::string_view to_string(Severity s) {
  switch (s) {
    case Severity::note: return "note";
    case Severity::warning: return "warning";
    case Severity::error: return "error";
  }
  return "?";
}

std::optional<Severity> parse_severity(std::string_view s) {
  if (s == "note") return Severity::note;
  if (s == "warning") return Severity::warning;
  if (s == "error") return Severity::error;
  return std::nullopt;
}

namespace {

using Json = nlohmann::json;

std::size_t line_of_offset(std::string_view text, std::size_t offset) {
  std::size_t line = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) line += text[i] == '\n';
  return line;
}

// nlohmann::json keeps no positions, so a small scanner walks the text once
// and records the line of every object key under its dotted path
// ("tolerance.approximate", "overrides[0].paths"). It only needs to be right
// for text that already parsed.
class KeyLines {
 public:
  explicit KeyLines(std::string_view text) { scan(text); }

  std::size_t line(const std::string& path) const {
    auto it = lines_.find(path);
    return it == lines_.end() ? 0 : it->second;
  }

 private:
  struct Frame {
    bool object = false;
    std::string path;
    std::size_t index = 0;       // next array element
    std::string pending_key;     // object: key read, value not yet
    bool expecting_key = true;
  };

  std::string child_path(const Frame& f) const {
    if (f.object) return f.path.empty() ? f.pending_key : f.path + "." + f.pending_key;
    return fmt::format("{}[{}]", f.path, f.index);
  }

  void scan(std::string_view t) {
    std::vector<Frame> stack;
    std::size_t line = 1;
    std::size_t i = 0;
    auto read_string = [&]() {
      std::string out;
      ++i;  // opening quote
      while (i < t.size() && t[i] != '"') {
        if (t[i] == '\\' && i + 1 < t.size()) {
          out.push_back(t[i + 1]);  // exact unescaping does not matter for key lookup
          i += 2;
          continue;
        }
        if (t[i] == '\n') ++line;
        out.push_back(t[i++]);
      }
      ++i;  // closing quote
      return out;
    };
    while (i < t.size()) {
      char c = t[i];
      if (c == '\n') {
        ++line;
        ++i;
      } else if (c == '/' && i + 1 < t.size() && t[i + 1] == '/') {
        while (i < t.size() && t[i] != '\n') ++i;
      } else if (c == '/' && i + 1 < t.size() && t[i + 1] == '*') {
        i += 2;
        while (i + 1 < t.size() && !(t[i] == '*' && t[i + 1] == '/')) line += t[i++] == '\n';
        i += 2;
      } else if (c == '{' || c == '[') {
        Frame f;
        f.object = c == '{';
        if (!stack.empty()) f.path = child_path(stack.back());
        stack.push_back(std::move(f));
        ++i;
      } else if (c == '}' || c == ']') {
        if (!stack.empty()) stack.pop_back();
        ++i;
      } else if (c == ',') {
        if (!stack.empty()) {
          Frame& f = stack.back();
          if (f.object) f.expecting_key = true;
          else ++f.index;
        }
        ++i;
      } else if (c == ':') {
        if (!stack.empty()) stack.back().expecting_key = false;
        ++i;
      } else if (c == '"') {
        std::size_t at = line;
        std::string s = read_string();
        if (!stack.empty() && stack.back().object && stack.back().expecting_key) {
          stack.back().pending_key = s;
          lines_.emplace(child_path(stack.back()), at);
        }
      } else {
        ++i;
      }
    }
  }

  std::map<std::string, std::size_t> lines_;
};

// Validation walks the parsed document with the path of each value, so every
// message names the key the user has to fix.
class Reader {
 public:
  Reader(std::string path, const KeyLines& lines) : path_(std::move(path)), lines_(lines) {}

  const std::optional<Error>& error() const { return error_; }

  void fail(const std::string& key, std::string message) {
    if (!error_) error_ = make_error(path_, lines_.line(key), std::move(message));
  }

  static std::string type_name(const Json& v) {
    if (v.is_number()) return "number";
    return v.type_name();
  }

  void wrong_type(const std::string& key, const Json& v, std::string_view expected) {
    fail(key, fmt::format("\"{}\": expected {}, got {}", key, expected, type_name(v)));
  }

  bool object(const std::string& key, const Json& v) {
    if (v.is_object()) return true;
    wrong_type(key, v, "an object");
    return false;
  }

  // Calls `on_key` for each member; members not in `known` are errors.
  template <std::size_t N>
  void members(const std::string& key, const Json& v, const std::array<std::string_view, N>& known,
               const std::function<void(const std::string&, const std::string&, const Json&)>& on_key) {
    if (!object(key, v)) return;
    for (const auto& [name, value] : v.items()) {
      std::string sub = key.empty() ? name : key + "." + name;
      bool ok = false;
      for (std::string_view k : known) ok = ok || k == name;
      if (!ok) {
        fail(sub, fmt::format("unknown key \"{}\"", sub));
        continue;
      }
      on_key(name, sub, value);
    }
  }

  std::optional<double> number(const std::string& key, const Json& v) {
    if (v.is_number()) {
      double d = v.get<double>();
      if (std::isfinite(d)) return d;
    }
    wrong_type(key, v, "a number");
    return std::nullopt;
  }

  std::optional<std::string> string(const std::string& key, const Json& v) {
    if (v.is_string()) return v.get<std::string>();
    wrong_type(key, v, "a string");
    return std::nullopt;
  }

  std::optional<bool> boolean(const std::string& key, const Json& v) {
    if (v.is_boolean()) return v.get<bool>();
    wrong_type(key, v, "true or false");
    return std::nullopt;
  }

  std::vector<std::string> strings(const std::string& key, const Json& v) {
    std::vector<std::string> out;
    if (!v.is_array()) {
      wrong_type(key, v, "an array of strings");
      return out;
    }
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (auto s = string(fmt::format("{}[{}]", key, i), v[i])) out.push_back(*s);
    }
    return out;
  }

  std::optional<FailOn> fail_on(const std::string& key, const Json& v) {
    auto s = string(key, v);
    if (!s) return std::nullopt;
    if (*s == "never") return FailOn{};
    if (auto sev = parse_severity(*s)) return FailOn{*sev};
    fail(key, fmt::format("\"{}\": expected error, warning, note or never, got \"{}\"", key, *s));
    return std::nullopt;
  }

  // Fills the members present in `v` over `t`; `set` records which were given.
  void tolerance(const std::string& key, const Json& v, Tolerances& t, std::set<std::string>* set) {
    static constexpr std::array<std::string_view, 5> k_keys{"approximate", "nearly", "exact_max",
                                                            "vague", "arithmetic"};
    members(key, v, k_keys, [&](const std::string& name, const std::string& sub, const Json& value) {
      auto d = number(sub, value);
      if (!d) return;
      if (*d < 0 || *d >= 1) {
        fail(sub, fmt::format("\"{}\": must be at least 0 and below 1, got {}", sub, *d));
        return;
      }
      if (name == "approximate") t.approximate = *d;
      else if (name == "nearly") t.nearly = *d;
      else if (name == "exact_max") t.exact_max = *d;
      else if (name == "vague") t.vague = *d;
      else t.arithmetic = *d;
      if (set) set->insert(name);
    });
  }

 private:
  std::string path_;
  const KeyLines& lines_;
  std::optional<Error> error_;
};

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

// `*` and `?` never cross '/'; `**` does. Recursion depth is bounded by the
// number of stars in a pattern, which is small.
bool glob_here(std::string_view p, std::string_view s) {
  while (!p.empty()) {
    if (p.size() >= 2 && p[0] == '*' && p[1] == '*') {
      p.remove_prefix(2);
      if (!p.empty() && p[0] == '/') {
        // "a/**/b" also matches "a/b"
        if (glob_here(p.substr(1), s)) return true;
      }
      for (std::size_t i = 0; i <= s.size(); ++i)
        if (glob_here(p, s.substr(i))) return true;
      return false;
    }
    if (p[0] == '*') {
      p.remove_prefix(1);
      for (std::size_t i = 0; i <= s.size(); ++i) {
        if (glob_here(p, s.substr(i))) return true;
        if (i < s.size() && s[i] == '/') break;
      }
      return false;
    }
    if (s.empty()) return false;
    if (p[0] == '?') {
      if (s[0] == '/') return false;
    } else if (p[0] != s[0]) {
      return false;
    }
    p.remove_prefix(1);
    s.remove_prefix(1);
  }
  return s.empty();
}

bool any_match(const std::vector<std::string>& patterns, std::string_view doc) {
  for (const std::string& p : patterns)
    if (glob_match(p, doc)) return true;
  return false;
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view path) {
  if (path.size() >= 2 && path.substr(0, 2) == "./") path.remove_prefix(2);
  if (!pattern.empty() && pattern.front() == '/') return glob_here(pattern.substr(1), path);
  for (std::size_t start = 0;;) {
    if (glob_here(pattern, path.substr(start))) return true;
    std::size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) return false;
    start = slash + 1;
  }
}

const Tolerances& tolerances_for(const Config& config, std::string_view doc) {
  for (auto it = config.overrides.rbegin(); it != config.overrides.rend(); ++it)
    if (it->tolerance && any_match(it->paths, doc)) return *it->tolerance;
  return config.tolerance;
}

FailOn fail_on_for(const Config& config, std::string_view doc) {
  for (auto it = config.overrides.rbegin(); it != config.overrides.rend(); ++it)
    if (it->fail_on && any_match(it->paths, doc)) return *it->fail_on;
  return config.fail_on;
}

bool path_ignored(const Config& config, std::string_view doc) {
  return any_match(config.ignore_paths, doc);
}

Expected<Config> parse_config(std::string_view json_text, const std::string& path) {
  Json doc;
  try {
    doc = Json::parse(json_text, nullptr, true, /*ignore_comments=*/true);
  } catch (const Json::parse_error& e) {
    // nlohmann reports the byte just past the offending token.
    std::size_t at = e.byte > 0 ? e.byte - 1 : 0;
    std::string what = e.what();
    auto colon = what.rfind(": ");
    std::string detail = colon == std::string::npos ? what : what.substr(colon + 2);
    return make_error(path, line_of_offset(json_text, at), "not valid JSON: " + detail);
  }

  KeyLines lines(json_text);
  Reader r(path, lines);
  Config config;
  config.origin = path;
  struct PendingOverride {
    PathOverride po;
    Tolerances given;
    std::set<std::string> set;
    bool has_tolerance = false;
  };
  std::vector<PendingOverride> pending;

  static constexpr std::array<std::string_view, 9> k_top{
      "$schema", "tolerance",      "severity", "fail_on",  "synonyms",
      "ignore",  "currency_rates", "markdown", "overrides"};
  r.members("", doc, k_top, [&](const std::string& name, const std::string& key, const Json& v) {
    if (name == "$schema") {
      return;  // for editors
    } else if (name == "tolerance") {
      r.tolerance(key, v, config.tolerance, nullptr);
    } else if (name == "severity") {
      static constexpr std::array<std::string_view, 1> k_keys{"error_ratio"};
      r.members(key, v, k_keys, [&](const std::string&, const std::string& sub, const Json& value) {
        auto d = r.number(sub, value);
        if (!d) return;
        if (*d < 1) {
          r.fail(sub, fmt::format("\"{}\": must be at least 1, got {}", sub, *d));
          return;
        }
        config.severity.error_ratio = *d;
      });
    } else if (name == "fail_on") {
      if (auto f = r.fail_on(key, v)) config.fail_on = *f;
    } else if (name == "synonyms") {
      if (!r.object(key, v)) return;
      for (const auto& [cls, words] : v.items()) {
        std::vector<std::string> ws = r.strings(key + "." + cls, words);
        for (std::string& w : ws) w = lower(w);
        config.synonyms[lower(cls)] = std::move(ws);
      }
    } else if (name == "ignore") {
      static constexpr std::array<std::string_view, 2> k_keys{"paths", "subjects"};
      r.members(key, v, k_keys, [&](const std::string& n, const std::string& sub, const Json& value) {
        if (n == "paths") config.ignore_paths = r.strings(sub, value);
        else config.ignore_subjects = r.strings(sub, value);
      });
    } else if (name == "currency_rates") {
      if (!r.object(key, v)) return;
      for (const auto& [code, rate] : v.items()) {
        std::string sub = key + "." + code;
        auto d = r.number(sub, rate);
        if (!d) continue;
        if (*d <= 0) {
          r.fail(sub, fmt::format("\"{}\": a rate must be above 0, got {}", sub, *d));
          continue;
        }
        std::string upper = code;
        for (char& c : upper)
          if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        config.currency_rates[upper] = *d;
      }
    } else if (name == "markdown") {
      static constexpr std::array<std::string_view, 1> k_keys{"code"};
      r.members(key, v, k_keys, [&](const std::string&, const std::string& sub, const Json& value) {
        if (auto b = r.boolean(sub, value)) config.markdown_code = *b;
      });
    } else if (name == "overrides") {
      if (!v.is_array()) {
        r.wrong_type(key, v, "an array of objects");
        return;
      }
      for (std::size_t i = 0; i < v.size(); ++i) {
        std::string item = fmt::format("{}[{}]", key, i);
        PendingOverride p;
        static constexpr std::array<std::string_view, 3> k_keys{"paths", "fail_on", "tolerance"};
        bool has_paths = false;
        r.members(item, v[i], k_keys, [&](const std::string& n, const std::string& sub, const Json& value) {
          if (n == "paths") {
            p.po.paths = r.strings(sub, value);
            has_paths = true;
          } else if (n == "fail_on") {
            if (auto f = r.fail_on(sub, value)) p.po.fail_on = *f;
          } else {
            p.has_tolerance = true;
            r.tolerance(sub, value, p.given, &p.set);
          }
        });
        if (v[i].is_object() && !has_paths)
          r.fail(item, fmt::format("\"{}\": an override needs \"paths\"", item));
        pending.push_back(std::move(p));
      }
    }
  });
  if (r.error()) return *r.error();

  // An override's tolerance starts from the top-level one, whichever order
  // the keys came in.
  for (PendingOverride& p : pending) {
    if (p.has_tolerance) {
      Tolerances t = config.tolerance;
      if (p.set.count("approximate")) t.approximate = p.given.approximate;
      if (p.set.count("nearly")) t.nearly = p.given.nearly;
      if (p.set.count("exact_max")) t.exact_max = p.given.exact_max;
      if (p.set.count("vague")) t.vague = p.given.vague;
      if (p.set.count("arithmetic")) t.arithmetic = p.given.arithmetic;
      p.po.tolerance = t;
    }
    config.overrides.push_back(std::move(p.po));
  }
  return config;
}

Expected<Config> load_config(const std::string& path, const std::string& start_dir) {
  namespace fs = std::filesystem;
  std::string chosen = path;
  if (chosen.empty()) {
    std::error_code ec;
    fs::path dir = fs::absolute(start_dir.empty() ? fs::path(".") : fs::path(start_dir), ec);
    if (ec) return Config{};
    dir = dir.lexically_normal();
    for (;;) {
      for (const char* name : {"tally.json", ".tally.json"}) {
        fs::path candidate = dir / name;
        if (fs::is_regular_file(candidate, ec)) {
          // Named relative to the working directory when it lies below it,
          // as the user would type it in an editor.
          fs::path rel = candidate.lexically_relative(fs::current_path(ec));
          chosen = (!ec && !rel.empty() && *rel.begin() != "..") ? rel.string() : candidate.string();
          break;
        }
      }
      if (!chosen.empty()) break;
      if (fs::exists(dir / ".git", ec)) break;  // the top of the repository
      if (!dir.has_parent_path() || dir.parent_path() == dir) break;
      dir = dir.parent_path();
    }
    if (chosen.empty()) return Config{};
  }
  std::ifstream in(chosen, std::ios::binary);
  if (!in) return make_error(chosen, 0, "cannot read the configuration file");
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) return make_error(chosen, 0, "cannot read the configuration file");
  return parse_config(buf.str(), chosen);
}

}  // namespace tally
