#include "guard.h"

namespace rlvr {

namespace {
thread_local std::string error_message;
thread_local bool has_error = false;
}  // namespace

void clear_error() { has_error = false; }

void set_error(const char* message) {
    error_message = (message != nullptr && *message != '\0') ? message : "unknown error";
    has_error = true;
}

const char* last_error() { return has_error ? error_message.c_str() : nullptr; }

}  // namespace rlvr
