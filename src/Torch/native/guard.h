// Every export runs its body through guarded(): no C++ exception crosses the C ABI; the message of one
// is kept in a thread-local slot that rlvr_last_error() returns (and that the next guarded call clears).
#pragma once
#include <c10/util/Exception.h>

#include <exception>
#include <string>

namespace rlvr {

void clear_error();
void set_error(const char* message);
const char* last_error();

template <typename R, typename F>
R guarded(R on_failure, F&& body) {
    clear_error();
    try {
        return body();
    } catch (const c10::Error& e) {
        set_error(e.what_without_backtrace());
    } catch (const std::exception& e) {
        set_error(e.what());
    } catch (...) {
        set_error("unknown C++ exception");
    }
    return on_failure;
}

}  // namespace rlvr
