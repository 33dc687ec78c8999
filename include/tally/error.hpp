// Errors and diagnostics.
//
// Library code never prints and never throws for expected failures (bad
// input, bad config). A function that can fail returns `Expected<T>`; a stage
// that goes on after a bad input reports a `Diagnostic` to the caller's sink
// and continues. Only the CLI turns these into messages and exit codes.
//
//   tally::Expected<Config> cfg = tally::load_config("tally.json");
//   if (!cfg) {
//     fmt::print(stderr, "{}\n", cfg.error().format());  // tally.json:3: error: ...
//     return 2;
//   }
//
// Debian 12 packages no tl-expected and g++ 12 has std::expected only in
// C++23 mode, so this header carries the small subset tally needs.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <variant>

namespace tally {

enum class Level { error, warning };

// A message about one input, printed as `PATH[:LINE]: LEVEL: MESSAGE`.
struct Diagnostic {
  Level level = Level::error;
  std::string path;  // as the user named it; empty for the run as a whole
  std::size_t line = 0;  // 1-based; 0 when the message is about the whole input
  std::string message;

  std::string format() const;
};

using Error = Diagnostic;

inline Error make_error(std::string path, std::size_t line, std::string message) {
  return Error{Level::error, std::move(path), line, std::move(message)};
}

// Receives the diagnostics of a run, in the order they happen. Implementations
// decide whether to print, collect or count them.
class DiagnosticSink {
 public:
  virtual ~DiagnosticSink() = default;
  virtual void report(Diagnostic d) = 0;
};

// A value or the error that prevented it.
template <class T>
class Expected {
 public:
  Expected(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Expected(Error error) : v_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  bool has_value() const { return v_.index() == 0; }
  explicit operator bool() const { return has_value(); }

  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

}  // namespace tally
