// The corpus reader: from the paths on the command line to documents.
//
// Each path is a file, a directory (walked) or "-" (stdin). A file's format
// comes from its name unless the caller forces one. Every input that cannot
// be read becomes one error in the sink and the run goes on with the next:
// the caller learns how many there were from CorpusStats::errors.
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include <fmt/format.h>

#include "corpus/decode.hpp"
#include "corpus/formats.hpp"
#include "corpus/jsonl.hpp"
#include "corpus/walk.hpp"
#include <tally/corpus.hpp>

namespace tally {
namespace {

// Forwards diagnostics and counts the errors among them, so the count is
// right whichever layer (walker, JSONL reader, decoder) found the problem.
class CountingSink : public DiagnosticSink {
 public:
  explicit CountingSink(DiagnosticSink& inner) : inner_(inner) {}
  void report(Diagnostic d) override {
    errors += d.level == Level::error;
    inner_.report(std::move(d));
  }
  std::size_t errors = 0;

 private:
  DiagnosticSink& inner_;
};

DocumentFormat document_format(InputFormat f) {
  switch (f) {
    case InputFormat::markdown:
      return DocumentFormat::markdown;
    case InputFormat::html:
      return DocumentFormat::html;
    default:
      return DocumentFormat::text;
  }
}

class Reader {
 public:
  Reader(const CorpusOptions& options, DiagnosticSink& sink,
         const std::function<void(Document&&)>& visit)
      : options_(options), sink_(sink), ignore_(options.ignore), visit_([this, &visit](Document&& d) {
          ++stats_.documents;
          visit(std::move(d));
        }) {}

  void read(const std::string& arg) {
    if (arg == "-") {
      read_stdin();
      return;
    }
    struct stat st {};
    if (::stat(arg.c_str(), &st) != 0) {
      error(arg, fmt::format("cannot read: {}", std::strerror(errno)));
      return;
    }
    if (S_ISDIR(st.st_mode)) {
      detail::WalkCounts counts = detail::walk_directory(
          arg, ignore_, sink_, [&](const detail::WalkedFile& f) { read_file(f.path, f.id); });
      stats_.skipped_files += counts.skipped;
      return;
    }
    // A file named explicitly is read whatever its name: plain text unless
    // its extension says otherwise.
    read_file(arg, arg);
  }

  CorpusStats finish() {
    stats_.errors = sink_.errors;
    return stats_;
  }

 private:
  void error(const std::string& path, std::string message, std::size_t line = 0) {
    sink_.report({Level::error, path, line, std::move(message)});
  }

  InputFormat format_of(const std::string& path, bool* gzip) const {
    InputFormat f = detail::format_from_name(path, gzip);
    if (options_.force_format != InputFormat::automatic) f = options_.force_format;
    return f == InputFormat::automatic ? InputFormat::text : f;
  }

  void read_stdin() {
    InputFormat f = options_.stdin_format;
    if (f == InputFormat::automatic) f = options_.force_format;
    if (f == InputFormat::jsonl) {
      detail::read_jsonl(detail::open_stdin(), "-", options_, sink_, visit_);
      return;
    }
    auto in = detail::open_stdin();
    read_document(*in, "-", f);
  }

  void read_file(const std::string& path, const std::string& id) {
    bool gzip = false;
    InputFormat f = format_of(path, &gzip);
    auto opened = detail::open_file(path);
    if (!opened) {
      error(id, opened.error().message);
      return;
    }
    std::unique_ptr<detail::ByteSource> in = std::move(*opened);
    if (gzip) in = detail::gunzip(std::move(in));
    if (f == InputFormat::jsonl) {
      detail::read_jsonl(std::move(in), id, options_, sink_, visit_);
      return;
    }
    // Refuse a huge file before reading a byte of it.
    struct stat st {};
    if (!gzip && ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
        static_cast<std::uint64_t>(st.st_size) > options_.max_document_bytes) {
      error(id, detail::over_limit_message(options_.max_document_bytes));
      return;
    }
    read_document(*in, id, f);
  }

  void read_document(detail::ByteSource& in, const std::string& id, InputFormat f) {
    auto bytes = detail::read_all(in, options_.max_document_bytes, id);
    if (!bytes) {
      sink_.report(bytes.error());
      return;
    }
    std::size_t bad_units = 0;
    auto raw = detail::decode_text(std::move(*bytes), id, &bad_units);
    if (!raw) {
      sink_.report(raw.error());
      return;
    }
    if (bad_units > 0)
      sink_.report({Level::warning, id, 0,
                    fmt::format("invalid UTF-16 ({} unpaired surrogate{}), read as U+FFFD",
                                bad_units, bad_units == 1 ? "" : "s")});
    DocumentOptions dopt;
    dopt.markdown_code = options_.markdown_code;
    visit_(make_document(id, std::move(*raw), document_format(f), sink_, dopt));
  }

  const CorpusOptions& options_;
  CountingSink sink_;
  detail::GlobList ignore_;
  CorpusStats stats_;
  std::function<void(Document&&)> visit_;
};

}  // namespace

CorpusStats read_corpus(const std::vector<std::string>& paths, const CorpusOptions& options,
                        DiagnosticSink& sink, const std::function<void(Document&&)>& visit) {
  Reader reader(options, sink, visit);
  for (const std::string& path : paths) reader.read(path);
  return reader.finish();
}

}  // namespace tally
