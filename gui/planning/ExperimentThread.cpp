#include "gui/planning/ExperimentThread.h"

#include <QMetaObject>

namespace scalelab::gui {

ExperimentThread::ExperimentThread(QObject* parent) : QObject(parent) {}

ExperimentThread::~ExperimentThread()
{
    stop();
}

void ExperimentThread::stop()
{
    m_cancelled = true;
    if (m_thread.joinable())
        m_thread.join();
}

void ExperimentThread::start(std::function<void()> work)
{
    if (m_thread.joinable())
        m_thread.join();
    m_cancelled = false;
    m_running = true;
    m_thread = std::jthread([this, work = std::move(work)] {
        work();
        post([this] {
            m_running = false;
            Q_EMIT finished();
        });
    });
}

void ExperimentThread::post(std::function<void()> f)
{
    // Queued: runs in this object's (the GUI) thread; dropped if the object is gone first.
    QMetaObject::invokeMethod(this, std::move(f), Qt::QueuedConnection);
}

} // namespace scalelab::gui
