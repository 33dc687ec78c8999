// Reading claims back from records: `tally reconcile CLAIMS.jsonl` takes the
// extract JSONL (or any tool's output with the same fields).
//
// Required: `subject`, `source`, and `value` or `low`/`high` (numbers).
// Optional: `block`, `qualifier`, `unit`, `date`, `doc`, `text`, and the rest
// of the extract record. A record that lacks what is required, or whose
// numbers are not finite, is an error naming the field.
#pragma once

#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include <tally/claim.hpp>
#include <tally/error.hpp>

namespace tally {

Expected<Claim> claim_from_record(const nlohmann::json& record);

// Reads every JSONL file in order ("-" is stdin) and calls `visit` for each
// valid claim. Bad lines become diagnostics naming file and line.
std::size_t read_claims(const std::vector<std::string>& paths, DiagnosticSink& sink,
                        const std::function<void(Claim&&)>& visit);

}  // namespace tally
