#include "gui/record/RecordVideoDialog.h"

#include <cmath>

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

#include "gui/record/VideoFormat.h"

namespace scalelab::gui::record {

RecordVideoDialog::RecordVideoDialog(double durationS, const QString& suggestedPath,
                                     QWidget* parent)
    : QDialog(parent), m_path(new QLineEdit(suggestedPath, this)),
      m_seconds(new QDoubleSpinBox(this)), m_speed(new QDoubleSpinBox(this)),
      m_fps(new QSpinBox(this)), m_size(new QComboBox(this)),
      m_charts(new QCheckBox(tr("Show the live charts under the diagram"), this)),
      m_summary(new QLineEdit(this))
{
    setWindowTitle(tr("Record Video"));
    auto* browse = new QPushButton(tr("Browse…"), this);
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);
    m_seconds->setRange(0.1, std::max(0.1, durationS));
    m_seconds->setDecimals(1);
    m_seconds->setSuffix(tr(" s"));
    m_seconds->setValue(durationS);
    m_seconds->setToolTip(tr("Simulated seconds to record, from the start of the run"));
    m_speed->setRange(0.1, 1000);
    m_speed->setDecimals(1);
    m_speed->setSuffix(tr(" x"));
    m_speed->setValue(1);
    m_speed->setToolTip(tr("Simulated seconds per second of video"));
    m_fps->setRange(1, 60);
    m_fps->setValue(30);
    m_fps->setSuffix(tr(" fps"));
    m_size->addItem(tr("1280 x 720 (720p)"), QSize(1280, 720));
    m_size->addItem(tr("1920 x 1080 (1080p)"), QSize(1920, 1080));
    m_size->addItem(tr("854 x 480"), QSize(854, 480));
    m_size->addItem(tr("640 x 360 (small GIF)"), QSize(640, 360));
    m_charts->setChecked(true);
    m_summary->setReadOnly(true);
    m_summary->setFrame(false);

    auto* form = new QFormLayout(this);
    form->addRow(tr("Save as:"), pathRow);
    form->addRow(tr("Record:"), m_seconds);
    form->addRow(tr("Speed:"), m_speed);
    form->addRow(tr("Frame rate:"), m_fps);
    form->addRow(tr("Size:"), m_size);
    form->addRow(QString(), m_charts);
    form->addRow(QString(), m_summary);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Record"));
    form->addRow(buttons);

    connect(browse, &QPushButton::clicked, this, &RecordVideoDialog::browse);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QDoubleSpinBox* box : {m_seconds, m_speed})
        connect(box, &QDoubleSpinBox::valueChanged, this, &RecordVideoDialog::updateSummary);
    connect(m_fps, &QSpinBox::valueChanged, this, &RecordVideoDialog::updateSummary);
    connect(m_path, &QLineEdit::textChanged, this, &RecordVideoDialog::updateSummary);
    updateSummary();
}

void RecordVideoDialog::browse()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Record video"), m_path->text(),
        tr("MP4 video (*.mp4);;WebM video (*.webm);;Animated GIF (*.gif)"));
    if (!path.isEmpty())
        m_path->setText(path);
}

void RecordVideoDialog::updateSummary()
{
    const double videoS = m_seconds->value() / m_speed->value();
    const bool known = videoFormatFor(m_path->text()).has_value();
    m_summary->setText(known ? tr("%1 s of video, %2 frames")
                                   .arg(videoS, 0, 'f', 1)
                                   .arg(std::lround(videoS * m_fps->value()))
                             : tr("The name must end in .mp4, .webm or .gif"));
    if (auto* box = findChild<QDialogButtonBox*>())
        box->button(QDialogButtonBox::Ok)->setEnabled(known);
}

RecordOptions RecordVideoDialog::options() const
{
    RecordOptions o;
    o.out = m_path->text();
    o.runForS = m_seconds->value();
    o.speed = m_speed->value();
    o.video.fps = m_fps->value();
    o.video.size = m_size->currentData().toSize();
    o.charts = m_charts->isChecked();
    return o;
}

} // namespace scalelab::gui::record
