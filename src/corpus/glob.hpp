// Internal: .gitignore-style path patterns, shared by the directory walker
// (CorpusOptions::ignore) and the reconciler's config (ignore.paths,
// per-path overrides).
//
// Paths are relative, '/'-separated; a path that ends in '/' is a directory.
// Patterns follow gitignore(5):
//
//   *.md          any file or directory named *.md, at any depth
//   drafts/       a directory named drafts at any depth (and all it holds)
//   /build        build at the top only (a leading '/' anchors)
//   docs/*.html   a pattern with an inner '/' is anchored too
//   **/tmp  a/**/b  notes/**   '**' spans any number of directories
//   ?  [abc]  [a-z]  [!a]      one character ('?' one UTF-8 character)
//   \*            a literal '*'
//   !keep.md      negation: re-include what an earlier pattern excluded
//
//   glob_match("drafts/", "news/drafts/a.md")  // true: inside a matching dir
//   glob_match("*.md", "a/b/c.md")             // true
//   glob_match("/a.md", "b/a.md")              // false: anchored
//
//   GlobList ignore({"*.html", "!keep.html"});
//   ignore.match("x/keep.html")                // false: re-included
//
// As in git, a file inside an excluded directory cannot be re-included.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tally::detail {

// Whether `path` (or a directory it lies in) matches `pattern`. A leading '!'
// inverts the answer. Blank patterns and '#' comments match nothing.
bool glob_match(std::string_view pattern, std::string_view path);

// An ordered list of patterns, applied as a .gitignore file is: the last
// pattern that matches a path decides, a '!' pattern re-includes.
class GlobList {
 public:
  GlobList() = default;
  explicit GlobList(const std::vector<std::string>& patterns);

  // True when the list excludes `path` (or a directory it lies in).
  bool match(std::string_view path) const;
  bool empty() const { return patterns_.empty(); }

 private:
  struct Pattern {
    std::string glob;  // without '!', leading '/' and trailing '/'
    bool negated = false;
    bool dir_only = false;
    bool anchored = false;
  };
  static bool parse(std::string_view text, Pattern& out);
  static bool matches(const Pattern& p, std::string_view path, bool is_dir);
  // The verdict on `path` itself, ignoring the directories above it.
  bool decide(std::string_view path, bool is_dir) const;

  std::vector<Pattern> patterns_;
  friend bool glob_match(std::string_view, std::string_view);
};

}  // namespace tally::detail
