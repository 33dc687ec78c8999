// Synthetic claims, findings and document views for the reporters' tests.
//
// A `ReportFixture` is built the way a run would be: add documents (their
// raw text and the figures in it), then findings over the claims; offsets,
// lines, columns and sentences are computed from the text so they are
// consistent, as the extractor's would be. `sample_run()` is a small corpus
// with one finding of each severity; `hostile_run()` puts HTML, script and
// terminal-control payloads into every string a report prints.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstddef>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>

#include <tally/claim.hpp>
#include <tally/reconcile.hpp>
#include <tally/report.hpp>

namespace tally::testing {

struct Figure {
  std::string text;  // as it appears in the document (first occurrence after the previous figure)
  double value = 0;
  std::string subject = "troops | in russia";
  Qualifier qualifier = Qualifier::exact;
  std::string unit{};
  std::optional<double> low{};  // stated interval; defaults to [value, value]
  std::optional<double> high{};
  bool open_low = false;
  bool open_high = false;
  double norm_factor = 1;  // norm = stated * factor (km -> m: 1000)
  std::string norm_unit{};  // defaults to `unit`
  std::optional<std::string> period{};
  Modality modality = Modality::asserted;
};

class ReportFixture {
 public:
  // Adds a document and returns the indexes of its figures' claims.
  std::vector<std::size_t> add_document(DocumentMeta meta, std::string raw, const std::vector<Figure>& figures) {
    std::vector<std::size_t> out;
    DocumentView view;
    view.meta = meta;
    view.raw = raw;
    std::size_t from = 0;
    for (const Figure& fig : figures) {
      const std::size_t start = raw.find(fig.text, from);
      if (start == std::string::npos) throw std::logic_error("figure not in text: " + fig.text);
      from = start + fig.text.size();
      Claim c;
      c.doc = meta.id;
      c.source = meta.source.empty() ? meta.id : meta.source;
      c.date = meta.date;
      c.index = claims.size();
      Mention& m = c.mention;
      m.start = start;
      m.end = start + fig.text.size();
      m.text = fig.text;
      m.line = 1;
      std::size_t line_start = 0;
      for (std::size_t i = 0; i < start; ++i)
        if (raw[i] == '\n') {
          ++m.line;
          line_start = i + 1;
        }
      m.col = 1;
      for (std::size_t i = line_start; i < start; ++i) m.col += (static_cast<unsigned char>(raw[i]) & 0xC0) != 0x80;
      m.value = fig.value;
      m.stated.low = fig.open_low ? std::nullopt : std::optional<double>(fig.low.value_or(fig.value));
      m.stated.high = fig.open_high ? std::nullopt : std::optional<double>(fig.high.value_or(fig.value));
      m.qualifier = fig.qualifier;
      m.unit = fig.unit;
      m.dimension = fig.unit.empty() ? "count" : "length";
      m.norm_value = fig.value * fig.norm_factor;
      if (m.stated.low) m.norm.low = *m.stated.low * fig.norm_factor;
      if (m.stated.high) m.norm.high = *m.stated.high * fig.norm_factor;
      m.norm_unit = fig.norm_unit.empty() ? fig.unit : fig.norm_unit;
      m.subject = fig.subject;
      m.block = "count:troops";
      // The counted noun is the subject's first word, singular: "troops | in
      // russia" counts troops, "tanks" counts tanks.
      m.noun_phrase = fig.subject.substr(0, fig.subject.find_first_of(" |"));
      std::string_view noun = m.noun_phrase;
      if (noun.size() > 1 && noun.back() == 's') noun.remove_suffix(1);
      m.noun = noun;
      m.period = fig.period;
      m.modality = fig.modality;
      // The sentence: from after the last ". " (or the line start) to the next "." or the end.
      std::size_t s = raw.rfind(". ", start);
      s = s == std::string::npos ? line_start : std::max(s + 2, line_start);
      std::size_t e = raw.find('.', m.end);
      e = e == std::string::npos ? raw.size() : e + 1;
      m.sentence_start = s;
      m.sentence_end = e;
      c.sentence = raw.substr(s, e - s);
      view.claims.push_back(claims.size());
      out.push_back(claims.size());
      claims.push_back(std::move(c));
    }
    views.push_back(std::move(view));
    return out;
  }

  Finding& add_finding(std::string id, std::string rule, Severity severity, std::string subject,
                       std::string message, std::vector<std::size_t> claim_indexes,
                       std::optional<Consensus> consensus = std::nullopt) {
    Finding f;
    f.id = std::move(id);
    f.rule = std::move(rule);
    f.severity = severity;
    f.subject = std::move(subject);
    f.message = std::move(message);
    f.claims = std::move(claim_indexes);
    f.consensus = consensus;
    result.findings.push_back(std::move(f));
    return result.findings.back();
  }

  CheckRun run(bool with_views = true) const {
    CheckRun r;
    r.documents = views.size();
    r.claims = &claims;
    r.result = &result;
    if (with_views) r.views = views;
    return r;
  }

  std::vector<Claim> claims;
  std::vector<DocumentView> views;
  Reconciliation result;
};

inline DocumentMeta meta(std::string id, std::string source, std::optional<std::string> date,
                         std::optional<std::string> title = std::nullopt) {
  DocumentMeta m;
  m.id = std::move(id);
  m.source = std::move(source);
  m.date = std::move(date);
  m.title = std::move(title);
  return m;
}

inline Consensus consensus(double value, double low, double high, std::size_t support, std::string unit = "") {
  Consensus c;
  c.value = value;
  c.low = low;
  c.high = high;
  c.support = support;
  c.unit = std::move(unit);
  return c;
}

// Three outlets on troop numbers (an error), two on a toll rising over days
// (a note), a plan against a count (a warning, to have all three severities).
inline ReportFixture sample_run() {
  ReportFixture fx;
  auto kyiv = fx.add_document(
      meta("news/kyiv-wire.txt", "Kyiv Wire", "2024-10-17", "Troops in Russia"),
      "Kyiv, Thursday.\nSouth Korea's spy agency said approximately 3,000 North Korean troops were in Russia.\n"
      "Another 2,000 were expected to follow. A local official said 12 people died in the strike.\n",
      {{.text = "approximately 3,000", .value = 3000, .qualifier = Qualifier::approximate},
       {.text = "12", .value = 12, .subject = "people killed | strike", .period = "2024-10-16"}});
  auto seoul = fx.add_document(
      meta("news/seoul-daily.txt", "Seoul Daily", "2024-10-18"),
      "Officials in Seoul put the number at about 1,500 troops. The toll rose to 25 people.\n",
      {{.text = "about 1,500", .value = 1500, .qualifier = Qualifier::approximate},
       {.text = "25", .value = 25, .subject = "people killed | strike", .period = "2024-10-18"}});
  auto plan = fx.add_document(
      meta("news/ministry.txt", "Ministry", "2024-10-19"),
      "The ministry plans to send 5,000 troops. So far it has sent more than 4,100 troops.\n",
      {{.text = "5,000", .value = 5000, .subject = "troops | sent", .modality = Modality::planned},
       {.text = "more than 4,100", .value = 4100, .subject = "troops | sent",
        .qualifier = Qualifier::more_than, .open_high = true}});

  Finding& conflict = fx.add_finding(
      "c3f1a9e2d4b5", "conflict", Severity::error, "troops | in russia",
      "Kyiv Wire says approximately 3,000; Seoul Daily says about 1,500 (1.5x apart)", {kyiv[0], seoul[0]},
      consensus(3000, 2550, 3450, 1));
  conflict.explanation.matched = {"same counted noun \"troop\"", "same place \"in russia\""};
  conflict.explanation.intervals = {{kyiv[0], 2550, 3450, "", "approximate ±15%"},
                                    {seoul[0], 1275, 1725, "", "approximate ±15%"}};
  conflict.explanation.ratio = 1.478;
  conflict.explanation.severity_reason = "ratio 1.48 >= error_ratio 1.2";

  fx.add_finding("aa11bb22cc33", "aspect", Severity::warning, "troops | sent",
                 "Ministry plans 5,000 but says more than 4,100 were sent", {plan[0], plan[1]});
  fx.add_finding("0d1e2f3a4b5c", "drift", Severity::note, "people killed | strike",
                 "The figure changed over time: 12 (2024-10-16) to 25 (2024-10-18)", {kyiv[1], seoul[1]},
                 consensus(25, 25, 25, 1));
  return fx;
}

// Every string a report prints carries a payload: markup that would run
// script or close the page's <style>/<script>, quotes that would end an
// attribute, and terminal escapes.
inline constexpr const char* k_script_payload = "<script>alert(1)</script>";
inline constexpr const char* k_attr_payload = "\"onerror=alert(2) x=\"";
inline constexpr const char* k_style_payload = "</style><style>body{display:none}</style>";

inline ReportFixture hostile_run() {
  const std::string evil = std::string(k_script_payload) + k_attr_payload + k_style_payload;
  ReportFixture fx;
  DocumentMeta m = meta("evil/<img src=x onerror=alert(3)>.txt", "Evil <b>Source</b>" + evil, "2024-01-01" + evil,
                        "Title " + evil);
  m.url = "javascript:alert(4)";
  auto a = fx.add_document(m, "Intro " + evil + "\x1b[2J\n" + "They said 3,000 troops " + evil + " came.\n",
                           {{.text = "3,000", .value = 3000, .subject = "troops " + evil}});
  auto b = fx.add_document(meta("b.txt", "B </script><script>alert(5)</script>", std::nullopt),
                           "B said 100 troops.\n", {{.text = "100", .value = 100, .subject = "troops " + evil}});
  Finding& f = fx.add_finding("id\"><script>alert(6)</script>", "conflict<script>alert(7)</script>",
                              Severity::error, "troops " + evil, "message " + evil + "\x1b[31m\r\n::error::forged",
                              {a[0], b[0]}, consensus(3000, 2550, 3450, 1));
  f.explanation.matched = {"matched " + evil};
  f.explanation.severity_reason = "reason " + evil;
  return fx;
}

// Validates JSON output against a schema (kind "check" or "sarif") with
// python3's jsonschema, through tests/data/report/validate_schema.py.
// status 0: valid; 1: violations (listed in `output`); other: could not run.
struct SchemaCheck {
  int status = -1;
  std::string output;
};

inline SchemaCheck validate_schema(const std::string& kind, const std::string& json_text) {
  namespace fs = std::filesystem;
  static int counter = 0;
  const fs::path file = fs::temp_directory_path() / fmt::format("tally-report-{}-{}-{}.json", kind, ::getpid(), ++counter);
  std::ofstream(file, std::ios::binary) << json_text;
  const std::string cmd = fmt::format("python3 '{}/tests/data/report/validate_schema.py' {} '{}' 2>&1",
                                      TALLY_SOURCE_DIR, kind, file.string());
  SchemaCheck result;
  if (FILE* p = ::popen(cmd.c_str(), "r")) {
    char buf[4096];
    while (std::size_t n = std::fread(buf, 1, sizeof buf, p)) result.output.append(buf, n);
    const int status = ::pclose(p);
    result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  fs::remove(file);
  return result;
}

}  // namespace tally::testing
