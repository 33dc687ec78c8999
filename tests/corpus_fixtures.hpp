// Helpers for the corpus reader's tests: a scratch directory that cleans up
// after itself, stdin redirected from a file, gzip compression, and one call
// that reads paths and keeps every document and diagnostic.
#pragma once

#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include <tally/corpus.hpp>

namespace tally::testing {

namespace fs = std::filesystem;

class TempDir {
 public:
  TempDir() {
    static std::atomic<unsigned> counter{0};
    auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
    path_ = fs::temp_directory_path() /
            fmt::format("tally-corpus-{}-{}-{}", ::getpid(), stamp, counter++);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const fs::path& path() const { return path_; }
  std::string str() const { return path_.string(); }
  // Writes `bytes` to `relative` (creating directories) and returns its path.
  std::string write(const std::string& relative, std::string_view bytes) const {
    fs::path p = path_ / relative;
    fs::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return p.string();
  }

 private:
  fs::path path_;
};

// Points fd 0 at a file for the lifetime of the object.
class StdinFrom {
 public:
  explicit StdinFrom(const std::string& path) : saved_(::dup(STDIN_FILENO)) {
    int fd = ::open(path.c_str(), O_RDONLY);
    ::dup2(fd, STDIN_FILENO);
    ::close(fd);
  }
  ~StdinFrom() {
    ::dup2(saved_, STDIN_FILENO);
    ::close(saved_);
  }
  StdinFrom(const StdinFrom&) = delete;
  StdinFrom& operator=(const StdinFrom&) = delete;

 private:
  int saved_;
};

inline std::string gzip(std::string_view data) {
  z_stream zs{};
  deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&zs, static_cast<uLong>(data.size())) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

struct ReadResult {
  CorpusStats stats;
  std::vector<Document> docs;
  CollectingSink diags;

  std::vector<std::string> ids() const {
    std::vector<std::string> v;
    for (const Document& d : docs) v.push_back(d.meta.id);
    return v;
  }
  std::vector<std::string> messages() const {
    std::vector<std::string> v;
    for (const Diagnostic& d : diags.items) v.push_back(d.format());
    return v;
  }
};

inline ReadResult read_paths(const std::vector<std::string>& paths, const CorpusOptions& options = {}) {
  ReadResult r;
  r.stats = read_corpus(paths, options, r.diags, [&](Document&& d) { r.docs.push_back(std::move(d)); });
  return r;
}

// The raw bytes a span of `doc.text` came from, found through the offset map.
inline std::string_view raw_of(const Document& doc, std::string_view word) {
  auto pos = doc.text.find(word);
  if (pos == std::string::npos) return "<not in text>";
  std::size_t start = doc.map.to_raw(pos);
  if (start >= doc.raw.size()) return "<past the end>";
  return std::string_view(doc.raw).substr(start, word.size());
}

}  // namespace tally::testing

namespace tally::testing {

// Every word of `doc.text` (a run of letters, digits and , . $ % -) must map
// back to the same bytes in `doc.raw`. Returns the words that do not.
inline std::vector<std::string> unmapped_words(const Document& doc) {
  auto word_char = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ',' ||
           c == '.' || c == '$' || c == '%' || c == '-' || (static_cast<unsigned char>(c) >= 0x80);
  };
  std::vector<std::string> bad;
  const std::string& t = doc.text;
  for (std::size_t i = 0; i < t.size();) {
    if (!word_char(t[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < t.size() && word_char(t[j])) ++j;
    std::string_view word(t.data() + i, j - i);
    std::size_t at = doc.map.to_raw(i);
    if (at > doc.raw.size() || std::string_view(doc.raw).substr(at, word.size()) != word)
      bad.emplace_back(word);
    i = j;
  }
  return bad;
}

}  // namespace tally::testing
