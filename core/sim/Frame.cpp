#include "core/sim/Frame.h"

#include <stdexcept>
#include <sys/mman.h>

namespace scalelab::core::sim {

namespace {
constexpr std::size_t kReservedBytes = std::size_t{FramePool::kCapacity} * sizeof(Frame);
}

FramePool::FramePool()
{
    // MAP_NORESERVE: address space only; pages are backed when first touched.
    void* p = mmap(nullptr, kReservedBytes, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED)
        throw std::bad_alloc();
    m_base = static_cast<Frame*>(p);
}

FramePool::~FramePool()
{
    munmap(m_base, kReservedBytes);
}

void FramePool::exhausted()
{
    throw std::length_error("more than 67 million requests in flight at once");
}

} // namespace scalelab::core::sim
