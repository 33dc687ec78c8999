// Directory walking and the .gitignore-style patterns that prune it (the
// pattern matcher is declared in glob.hpp so the reconciler's config can use
// it on document ids too).
//
// The walk uses POSIX directory calls rather than std::filesystem because it
// needs the device and inode of every directory to survive symbolic-link
// loops, and because errors must become diagnostics, never exceptions.
#include "corpus/walk.hpp"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <set>
#include <utility>
#include <vector>

#include <fmt/format.h>

namespace tally::detail {

// ---------------------------------------------------------------------------
// Patterns

namespace {

// Matches the glob `p` against `s` from their starts to their ends. `seg`
// says whether p[0] starts a path segment (only there may '**' span
// directories). Recursion depth is bounded by the pattern's length.
bool wild(std::string_view p, std::string_view s, bool seg) {
  while (!p.empty()) {
    if (seg && p.substr(0, 2) == "**" && (p.size() == 2 || p[2] == '/')) {
      if (p.size() == 2) return true;  // trailing "/**": everything below
      std::string_view rest = p.substr(3);
      if (wild(rest, s, true)) return true;  // zero directories
      for (std::size_t i = 0; i < s.size(); ++i)
        if (s[i] == '/' && wild(rest, s.substr(i + 1), true)) return true;
      return false;
    }
    char c = p[0];
    if (c == '*') {
      while (!p.empty() && p[0] == '*') p.remove_prefix(1);
      for (std::size_t k = 0;; ++k) {
        if (wild(p, s.substr(k), false)) return true;
        if (k == s.size() || s[k] == '/') return false;
      }
    }
    if (s.empty()) return false;
    if (c == '?') {
      if (s[0] == '/') return false;
      std::size_t n = 1;  // one character, not one byte
      while (n < s.size() && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) ++n;
      p.remove_prefix(1);
      s.remove_prefix(n);
      seg = false;
      continue;
    }
    if (c == '[') {
      std::size_t i = 1;
      bool negate = i < p.size() && (p[i] == '!' || p[i] == '^');
      if (negate) ++i;
      std::size_t first = i;
      // A ']' right after '[' or '[!' is a member, not the end.
      while (i < p.size() && (p[i] != ']' || i == first)) i += p[i] == '\\' ? 2 : 1;
      if (i < p.size()) {
        auto ch = static_cast<unsigned char>(s[0]);
        bool in = false;
        for (std::size_t k = first; k < i;) {
          unsigned char lo = static_cast<unsigned char>(p[k] == '\\' && k + 1 < i ? p[++k] : p[k]);
          ++k;
          unsigned char hi = lo;
          if (k + 1 < i && p[k] == '-') {
            hi = static_cast<unsigned char>(p[k + 1] == '\\' && k + 2 < i ? p[k + 2] : p[k + 1]);
            k += p[k + 1] == '\\' ? 3 : 2;
          }
          in = in || (ch >= lo && ch <= hi);
        }
        if (in == negate || s[0] == '/') return false;
        p.remove_prefix(i + 1);
        s.remove_prefix(1);
        seg = false;
        continue;
      }
      // No closing ']': the '[' is an ordinary character.
    }
    if (c == '\\' && p.size() > 1) p.remove_prefix(1);
    if (p[0] != s[0]) return false;
    seg = p[0] == '/';
    p.remove_prefix(1);
    s.remove_prefix(1);
  }
  return s.empty();
}

std::string_view strip_dot_slash(std::string_view path) {
  while (path.substr(0, 2) == "./") {
    path.remove_prefix(2);
    while (!path.empty() && path[0] == '/') path.remove_prefix(1);
  }
  return path;
}

}  // namespace

GlobList::GlobList(const std::vector<std::string>& patterns) {
  for (const std::string& text : patterns) {
    Pattern p;
    if (parse(text, p)) patterns_.push_back(std::move(p));
  }
}

bool GlobList::parse(std::string_view text, Pattern& out) {
  // Trailing spaces are dropped unless escaped, as git does.
  while (!text.empty() && (text.back() == ' ' || text.back() == '\r' || text.back() == '\n') &&
         !(text.size() >= 2 && text[text.size() - 2] == '\\'))
    text.remove_suffix(1);
  if (text.empty() || text[0] == '#') return false;
  if (text[0] == '!') {
    out.negated = true;
    text.remove_prefix(1);
  }
  if (!text.empty() && text.back() == '/') {
    out.dir_only = true;
    while (!text.empty() && text.back() == '/') text.remove_suffix(1);
  }
  out.anchored = text.find('/') != std::string_view::npos;
  while (!text.empty() && text[0] == '/') text.remove_prefix(1);
  if (text.empty()) return false;
  out.glob = std::string(text);
  return true;
}

bool GlobList::matches(const Pattern& p, std::string_view path, bool is_dir) {
  if (p.dir_only && !is_dir) return false;
  if (p.anchored) return wild(p.glob, path, true);
  auto slash = path.rfind('/');
  return wild(p.glob, slash == std::string_view::npos ? path : path.substr(slash + 1), true);
}

bool GlobList::decide(std::string_view path, bool is_dir) const {
  bool excluded = false;
  for (const Pattern& p : patterns_)
    if (excluded == p.negated && matches(p, path, is_dir)) excluded = !p.negated;
  return excluded;
}

bool GlobList::match(std::string_view path) const {
  if (patterns_.empty()) return false;
  path = strip_dot_slash(path);
  bool is_dir = !path.empty() && path.back() == '/';
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  if (path.empty()) return false;
  // A directory that is excluded takes everything below it along.
  for (std::size_t i = path.find('/'); i != std::string_view::npos; i = path.find('/', i + 1))
    if (decide(path.substr(0, i), true)) return true;
  return decide(path, is_dir);
}

bool glob_match(std::string_view pattern, std::string_view path) {
  GlobList::Pattern p;
  if (!GlobList::parse(pattern, p)) return false;
  bool negated = p.negated;
  p.negated = false;
  GlobList one;
  one.patterns_.push_back(std::move(p));
  return one.match(path) != negated;
}

// ---------------------------------------------------------------------------
// Walking

InputFormat format_from_name(std::string_view name, bool* gzip) {
  auto ends_with = [](std::string_view s, std::string_view suffix) {
    if (s.size() < suffix.size()) return false;
    return std::equal(suffix.begin(), suffix.end(), s.end() - static_cast<std::ptrdiff_t>(suffix.size()),
                      [](char a, char b) { return a == (b >= 'A' && b <= 'Z' ? b + 32 : b); });
  };
  bool gz = ends_with(name, ".gz");
  if (gzip) *gzip = gz;
  if (gz) name.remove_suffix(3);
  auto slash = name.rfind('/');
  if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
  struct Ext {
    std::string_view ext;
    InputFormat format;
  };
  static constexpr Ext k_extensions[] = {
      {".txt", InputFormat::text},      {".text", InputFormat::text},
      {".md", InputFormat::markdown},   {".markdown", InputFormat::markdown},
      {".html", InputFormat::html},     {".htm", InputFormat::html},
      {".jsonl", InputFormat::jsonl},
  };
  for (const Ext& e : k_extensions)
    if (name.size() > e.ext.size() && ends_with(name, e.ext)) return e.format;
  return InputFormat::automatic;
}

std::string join_id(std::string_view root, std::string_view relative) {
  std::string id(root);
  if (relative.empty()) return id;
  if (!id.empty() && id.back() != '/') id.push_back('/');
  id.append(relative);
  return id;
}

namespace {

class Walker {
 public:
  Walker(const std::string& root, const GlobList& ignore, DiagnosticSink& sink,
         const std::function<void(const WalkedFile&)>& visit)
      : root_(root), ignore_(ignore), sink_(sink), visit_(visit) {}

  WalkCounts run() {
    struct stat st {};
    if (::stat(root_.c_str(), &st) != 0) {
      report(root_, errno);
      return counts_;
    }
    visited_.insert({st.st_dev, st.st_ino});
    walk(root_, "");
    return counts_;
  }

 private:
  void report(const std::string& id, int err, const char* what = "cannot read") {
    sink_.report({Level::error, id, 0, fmt::format("{}: {}", what, std::strerror(err))});
  }

  bool ignored(const std::string& relative, bool is_dir) const {
    if (ignore_.empty()) return false;
    std::string rel = is_dir ? relative + "/" : relative;
    if (ignore_.match(rel)) return true;
    // Patterns may also be written from where tally runs ("news/drafts/");
    // an absolute id would let unanchored patterns hit the user's home path.
    std::string id = join_id(root_, rel);
    return id[0] != '/' && ignore_.match(id);
  }

  void walk(const std::string& dir, const std::string& relative) {
    std::vector<std::string> names;
    {
      DIR* d = ::opendir(dir.c_str());
      if (d == nullptr) {
        report(join_id(root_, relative), errno, "cannot read directory");
        return;
      }
      while (const dirent* e = ::readdir(d))
        if (e->d_name[0] != '.') names.emplace_back(e->d_name);  // hidden, '.' and '..'
      ::closedir(d);  // before descending, so deep trees do not run out of descriptors
    }
    std::sort(names.begin(), names.end());  // byte order: char_traits<char> compares unsigned

    for (const std::string& name : names) {
      std::string path = join_id(dir, name);
      std::string rel = relative.empty() ? name : relative + "/" + name;
      struct stat st {};
      if (::stat(path.c_str(), &st) != 0) {
        // A dangling link: an error only if it names a file tally would read.
        int err = errno;
        bool gz = false;
        InputFormat f = format_from_name(name, &gz);
        if (ignored(rel, false)) continue;
        if (f == InputFormat::automatic || (gz && f != InputFormat::jsonl)) {
          ++counts_.skipped;
        } else {
          report(join_id(root_, rel), err);
        }
        continue;
      }
      if (S_ISDIR(st.st_mode)) {
        if (ignored(rel, true)) continue;
        if (!visited_.insert({st.st_dev, st.st_ino}).second) continue;  // a loop, or seen already
        walk(path, rel);
        continue;
      }
      if (ignored(rel, false)) continue;
      WalkedFile f;
      f.format = format_from_name(name, &f.gzip);
      // Only regular files: a FIFO or device in the tree would block or never end.
      if (!S_ISREG(st.st_mode) || f.format == InputFormat::automatic ||
          (f.gzip && f.format != InputFormat::jsonl)) {
        ++counts_.skipped;
        continue;
      }
      f.path = std::move(path);
      f.id = join_id(root_, rel);
      f.relative = std::move(rel);
      ++counts_.files;
      visit_(f);
    }
  }

  const std::string& root_;
  const GlobList& ignore_;
  DiagnosticSink& sink_;
  const std::function<void(const WalkedFile&)>& visit_;
  std::set<std::pair<dev_t, ino_t>> visited_;
  WalkCounts counts_;
};

}  // namespace

WalkCounts walk_directory(const std::string& root, const GlobList& ignore, DiagnosticSink& sink,
                          const std::function<void(const WalkedFile&)>& visit) {
  return Walker(root, ignore, sink, visit).run();
}

}  // namespace tally::detail
