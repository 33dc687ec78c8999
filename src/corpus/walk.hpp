// Internal: which files a directory argument stands for, in which order, and
// how each is read (by its extension).
//
//   walk_directory("news/", ignore, sink, [&](const WalkedFile& f) {
//     // f.path "news/a/b.txt" (to open), f.id "news/a/b.txt", f.format text
//   });
//
// The walk is depth-first with the entries of each directory in byte order of
// their names, so the order never depends on the file system. Hidden entries
// (names starting with '.') are skipped; symbolic links are followed, but a
// directory already visited (same device and inode) is not entered again, so
// links that loop are harmless.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include <tally/corpus.hpp>
#include <tally/error.hpp>

#include "corpus/glob.hpp"

namespace tally::detail {

// How a file is read, from its name: .txt .text → text, .md .markdown →
// markdown, .html .htm → html, .jsonl → jsonl (case-insensitive); anything
// else → automatic (a walk skips it; a file named explicitly is plain text).
// A trailing .gz means gzip-compressed and sets `gzip`.
InputFormat format_from_name(std::string_view name, bool* gzip = nullptr);

struct WalkedFile {
  std::string path;  // to open
  std::string id;    // the directory as given joined with the relative path
  std::string relative;  // below the directory, e.g. "a/b.txt"
  InputFormat format = InputFormat::automatic;
  bool gzip = false;
};

struct WalkCounts {
  std::size_t files = 0;    // handed to `visit`
  std::size_t skipped = 0;  // files whose extension tally does not read
};

// Walks `root` (a directory) and calls `visit` for every file tally reads:
// .txt .text .md .markdown .html .htm .jsonl and .jsonl.gz. Paths the
// `ignore` list matches (relative to `root`, or as the document id) are left
// out without being counted. Directories that cannot be read are reported to
// `sink` as errors; the walk goes on.
WalkCounts walk_directory(const std::string& root, const GlobList& ignore, DiagnosticSink& sink,
                          const std::function<void(const WalkedFile&)>& visit);

// The document id of `relative` found below the command-line argument `root`:
// "news" + "a/b.txt" and "news/" + "a/b.txt" both give "news/a/b.txt".
std::string join_id(std::string_view root, std::string_view relative);

}  // namespace tally::detail
