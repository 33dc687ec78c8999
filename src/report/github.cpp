// `check --format github`: GitHub Actions workflow commands, so findings show
// as annotations on the files of a pull request.
//
//   ::error file=news/kyiv.txt,line=6,col=38,endColumn=57,title=tally conflict%3A troops::Kyiv Wire says ...
//
// Escaping is GitHub's (toolkit/core command.ts): in the message `%`, CR and LF
// are percent-encoded; in properties also `:` and `,`, which would otherwise
// end a property. Everything from the corpus passes through them, so a
// sentence cannot end the command early or forge a second one. GitHub shows
// only about ten annotations of each type per step, so every finding is
// emitted and a closing summary line says how many there were and where the
// rest can be read.
#include <tally/report.hpp>

#include <string>
#include <string_view>

#include <fmt/format.h>

#include "report/present.hpp"

namespace tally::detail {
namespace {

constexpr std::size_t k_github_shown = 10;  // annotations of one type GitHub displays per step

std::string escape_data(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    switch (ch) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      default: out += ch;
    }
  }
  return out;
}

std::string escape_property(std::string_view s) {
  std::string out;
  for (char ch : escape_data(s)) {
    switch (ch) {
      case ':': out += "%3A"; break;
      case ',': out += "%2C"; break;
      default: out += ch;
    }
  }
  return out;
}

std::string_view command(Severity s) {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::note: return "notice";
  }
  return "warning";
}

std::string properties(const Finding& f, const Claim* first) {
  std::string p;
  if (first && first->corpus_line > 0) {
    // A record of a JSONL corpus: the corpus file and the record's line; the
    // position inside the record's text is in the message.
    p += fmt::format("file={},line={},", escape_property(first->corpus.str()), first->corpus_line);
  } else if (first && !first->doc.empty()) {
    const Mention& m = first->mention;
    p += fmt::format("file={}", escape_property(first->doc));
    if (m.line > 0) {
      p += fmt::format(",line={}", m.line);
      if (m.col > 0) {
        p += fmt::format(",col={}", m.col);
        // GitHub takes endColumn only for a one-line span.
        if (m.text.find('\n') == std::string::npos)
          p += fmt::format(",endColumn={}", m.col + count_code_points(m.text));
      }
    }
    p += ',';
  }
  const std::string title = trim_chars(
      clean_text(fmt::format("tally {}: {}", f.rule, f.subject.empty() ? f.id : f.subject)), 120, false);
  p += fmt::format("title={}", escape_property(title));
  return p;
}

// The finding's message, then every claim on its own line: the annotation
// sits on the first claim, and the reader needs the others to judge it.
std::string message(const Finding& f, const std::vector<Claim>& claims) {
  std::string msg = clean_text(f.message.empty() ? f.subject : f.message);
  for (std::size_t i : finding_claims(f, claims)) {
    const Claim& c = claims[i];
    std::string who = (c.source.empty() ? c.doc : c.source).str();
    if (c.date) who = fmt::format("{} ({})", who, *c.date);
    msg += fmt::format("\n- {} at {}: \"{}\" = {}", clean_text(who), clean_text(claim_location(c)),
                       clean_text(c.mention.text), format_norm(c.mention));
  }
  if (f.consensus)
    msg += fmt::format("\nconsensus: {}", format_consensus(*f.consensus));
  msg += fmt::format("\nid: {}", clean_text(f.id));
  return msg;
}

}  // namespace

void write_check_github(std::ostream& out, const CheckRun& run) {
  const RunData data = run_data(run);
  for (const Finding& f : data.findings) {
    const std::vector<std::size_t> shown = finding_claims(f, data.claims);
    const Claim* first = shown.empty() ? nullptr : &data.claims[shown.front()];
    out << "::" << command(f.severity) << ' ' << properties(f, first) << "::"
        << escape_data(message(f, data.claims)) << '\n';
  }
  const SeverityCounts n = count_severities(data.findings);
  std::string summary = "tally: " + summary_line(n, run.documents, data.claims.size());
  if (n.error > k_github_shown || n.warning > k_github_shown || n.note > k_github_shown)
    summary += fmt::format(
        "; GitHub shows only the first {} annotations of each type, see the SARIF output or the "
        "HTML report for all of them",
        k_github_shown);
  out << summary << '\n';
}

}  // namespace tally::detail
