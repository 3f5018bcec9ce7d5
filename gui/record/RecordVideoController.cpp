#include "gui/record/RecordVideoController.h"

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMainWindow>
#include <QMessageBox>
#include <QProgressBar>
#include <QStatusBar>
#include <QToolButton>

#include "core/validation/Validator.h"
#include "gui/document/Document.h"
#include "gui/record/RecordVideoDialog.h"
#include "gui/report/ReportProvenance.h"

namespace scalelab::gui::record {

RecordVideoController::RecordVideoController(QMainWindow* window, Document* document, bool askUser)
    : QObject(window), m_window(window), m_document(document), m_askUser(askUser),
      m_action(new QAction(tr("Record &Video…"), this)), m_progress(new QWidget(window)),
      m_label(new QLabel(m_progress)), m_bar(new QProgressBar(m_progress)),
      m_cancel(new QToolButton(m_progress))
{
    m_action->setStatusTip(tr("Record the run as a video (MP4, WebM or GIF) to share"));
    connect(m_action, &QAction::triggered, this, &RecordVideoController::askAndRecord);
    auto* row = new QHBoxLayout(m_progress);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_label);
    row->addWidget(m_bar);
    row->addWidget(m_cancel);
    m_bar->setRange(0, 100);
    m_bar->setFixedWidth(160);
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(tr("Stop recording; no file is written"));
    connect(m_cancel, &QToolButton::clicked, this, &RecordVideoController::cancel);
    m_window->statusBar()->addPermanentWidget(m_progress);
    m_progress->hide();
}

RecordVideoController::~RecordVideoController()
{
    if (m_recorder)
        m_recorder->cancel();
}

void RecordVideoController::askAndRecord()
{
    if (isRecording() || !m_askUser)
        return;
    const QString fileName = m_document->filePath().isEmpty()
                                 ? tr("scalelab-run")
                                 : QFileInfo(m_document->filePath()).completeBaseName();
    const QString folder =
        m_lastPath.isEmpty()
            ? (m_document->filePath().isEmpty() ? QDir::homePath()
                                                : QFileInfo(m_document->filePath()).absolutePath())
            : QFileInfo(m_lastPath).absolutePath();
    RecordVideoDialog dialog(m_document->topology().simulation.durationS,
                             folder + QLatin1Char('/') + fileName + QStringLiteral(".mp4"),
                             m_window);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QString error;
    if (!startRecording(dialog.options(), &error))
        QMessageBox::warning(m_window, tr("Cannot record"), error);
}

bool RecordVideoController::startRecording(const RecordOptions& options, QString* error)
{
    if (isRecording()) {
        if (error)
            *error = tr("A recording is already running");
        return false;
    }
    const core::Topology& topology = m_document->topology();
    for (const auto& d : core::validate(topology))
        if (d.severity == core::Severity::Error) {
            if (error)
                *error = tr("The diagram has errors: %1").arg(QString::fromStdString(d.toString()));
            return false;
        }
    auto* recorder = new Recorder(topology, options, this);
    if (!recorder->prepare(error)) {
        delete recorder;
        return false;
    }
    m_recorder = recorder;
    m_lastPath = options.out;
    m_recordingDesign = designSha256(topology);
    connect(recorder, &Recorder::progressed, m_bar,
            [this](int done, int total) { m_bar->setValue(total > 0 ? 100 * done / total : 0); });
    connect(recorder, &Recorder::finished, this, &RecordVideoController::onFinished);
    m_label->setText(tr("Recording %1").arg(QFileInfo(options.out).fileName()));
    m_bar->setValue(0);
    m_progress->show();
    m_action->setEnabled(false);
    recorder->start();
    return true;
}

void RecordVideoController::cancel()
{
    if (m_recorder)
        m_recorder->cancel();
}

void RecordVideoController::onFinished(bool ok, const QString& error)
{
    const QString path = m_lastPath;
    if (m_recorder)
        m_recorder->deleteLater();
    m_recorder = nullptr;
    m_progress->hide();
    m_action->setEnabled(true);
    if (ok) {
        m_lastRecording = path;
        m_lastRecordedDesign = m_recordingDesign;
    }
    if (ok)
        m_window->statusBar()->showMessage(tr("Recorded %1").arg(QDir::toNativeSeparators(path)),
                                           8000);
    else if (error.isEmpty())
        m_window->statusBar()->showMessage(tr("Recording cancelled: nothing was written"), 8000);
    else if (m_askUser)
        QMessageBox::warning(m_window, tr("Recording failed"), error);
    else
        m_window->statusBar()->showMessage(tr("Recording failed: %1").arg(error), 8000);
    Q_EMIT recordingFinished(ok, path, error);
}

} // namespace scalelab::gui::record
