"""Posko Aduan Masyarakat (/aduan/): the online complaint form and the status lookup."""

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from sisp import ratelimit
from sisp.views.public import public_office_by_slug, public_offices, sole_office

from .. import aduan_files, aduan_receipt, conf, pins, services
from ..forms_public import AduanForm, AduanStatusForm
from ..models import Aduan
from ..public import tanggal_id
from .public import too_many


@login_not_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def aduan(request):
    # The office page the citizen came from (/kantor/<office>/ links to /aduan/?kantor=<slug>).
    from_office = public_office_by_slug(request.GET.get("kantor", ""))
    kept, refused, status = aduan_files.kept_uploads(request), [], 200
    if request.method == "POST":
        ticked = set(request.POST.getlist("simpan_lampiran"))
        lost, lost_names = aduan_files.lost_uploads(request, ticked, kept)
        aduan_files.discard_uploads([k for k in kept if str(k.pk) not in ticked])
        kept = [k for k in kept if str(k.pk) in ticked]
        form = AduanForm(request.POST, request.FILES, kept_count=len(kept))
        if form.is_spam():
            # Say nothing useful to a bot; a person never sees the honeypot field.
            return render(
                request,
                "ppps/public/aduan_form.html",
                {"form": AduanForm(), "spam": True, "days": conf.laporan_days_after_known()},
                status=400,
            )
        valid = form.is_valid()
        if lost:
            # Never sent without the files the citizen meant to send: ask for them again.
            form.add_error("lampiran", _lost_message(lost, lost_names))
            valid = False
        if valid:
            # Only a complaint about to be accepted counts toward the limit: a citizen
            # correcting a mistake is never locked out by their own failed attempts.
            if not ratelimit.allow(request, "aduan", conf.aduan_rate()):
                status = 429
                form.add_error(None, _limit_message())
            else:
                data = {
                    k: v
                    for k, v in form.cleaned_data.items()
                    if k not in ("kantor", "lampiran", "situs")
                }
                try:
                    item, pin = services.submit_aduan(
                        office=form.cleaned_data["kantor"],
                        data=data,
                        attachments=form.cleaned_data["lampiran"],
                        kept=kept,
                        request=request,
                    )
                except ValidationError as exc:
                    form.add_error("lampiran", exc)
                else:
                    aduan_files.forget_session(request)
                    return render(
                        request, "ppps/public/aduan_done.html", _receipt(request, item, pin)
                    )
        # Back with an error: keep what was attached so it need not be attached again.
        new, refused = aduan_files.keep_uploads(
            request,
            request.FILES.getlist("lampiran"),
            room=max(0, conf.aduan_max_attachments() - len(kept)),
        )
        kept += new
    else:
        office = from_office or sole_office()
        form = AduanForm(initial={"kantor": office["pk"] if office else None})
    context = {
        "form": form,
        "days": conf.laporan_days_after_known(),
        "public_office": from_office,
        "kept": [{"pk": k.pk, "name": k.original_name, "size": k.size} for k in kept],
        "refused": [{"name": name, "reason": reason} for name, reason in refused],
        "errors": form.error_summary() if form.is_bound else [],
        "personal_data_days": conf.aduan_personal_data_days(),
        "max_attachments": conf.aduan_max_attachments(),
        "keep_minutes": conf.aduan_upload_keep_minutes(),
    }
    response = render(request, "ppps/public/aduan_form.html", context, status=status)
    if status == 429:
        response["Retry-After"] = str(conf.aduan_rate()[1])
    return response


def window_text(seconds):
    """3600 -> "1 jam", 600 -> "10 menit", 90 -> "2 menit": the window in plain words."""
    minutes = max(1, -(-seconds // 60))
    if minutes % 60 == 0:
        return f"{minutes // 60} jam"
    return f"{minutes} menit"


def _lost_message(count, names):
    minutes = conf.aduan_upload_keep_minutes()
    which = ": " + ", ".join(names) if names else ""
    return (
        f"{count} lampiran yang tersimpan sudah terhapus karena lebih dari {minutes} menit"
        f"{which}. Lampirkan lagi file itu, lalu kirim aduan."
    )


def _limit_message():
    limit, window = conf.aduan_rate()
    return (
        f"Dari alamat internet ini sudah diterima {limit} aduan dalam {window_text(window)}"
        f" terakhir. Aduan Anda belum dikirim dan isinya tetap di formulir ini; kirim lagi"
        f" paling lama {window_text(window)} lagi, atau sampaikan langsung ke kantor Bawaslu."
    )


def _receipt(request, item, pin):
    """The confirmation's plain values: the receipt's allow-list, plus the PIN, shown here
    once and nowhere else."""
    aduan_receipt.remember(request, item)
    facts = aduan_receipt.receipt_facts(item, request)
    return {**facts, "pin": pin, "public_office": facts["kantor"]}


@login_not_required
@never_cache
@require_safe
def receipt_pdf(request, kode):
    """The receipt PDF of a complaint submitted in this browser session; any other: 404."""
    item = aduan_receipt.from_session(request, kode)
    if item is None:
        raise Http404
    facts = aduan_receipt.receipt_facts(item, request)
    response = HttpResponse(aduan_receipt.receipt_pdf(facts), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="tanda-terima-{item.kode_tiket}.pdf"'
    return response


@login_not_required
@never_cache
@require_safe
def receipt_ics(request, kode):
    """The complainant's last day to file a formal laporan as a calendar file; 404 for a
    complaint not submitted in this session or without a date to count from."""
    item = aduan_receipt.from_session(request, kode)
    body = aduan_receipt.filing_ics(aduan_receipt.receipt_facts(item, request)) if item else None
    if body is None:
        raise Http404
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="batas-laporan-{item.kode_tiket}.ics"'
    return response


@login_not_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def aduan_status(request):
    found = None
    if request.method == "POST":
        # Counted before the PIN is hashed: a flood of guesses costs no hashing.
        if not ratelimit.allow(request, "cek", conf.lookup_rate()):
            return too_many(request)
        form = AduanStatusForm(request.POST)
        if form.is_valid():
            candidate = Aduan.objects.filter(kode_tiket=form.cleaned_data["kode_tiket"]).first()
            if candidate is None:
                pins.burn(form.cleaned_data["pin"])  # an unknown ticket costs one hash too
            elif candidate.check_pin(form.cleaned_data["pin"]):
                found = candidate
            if found is None:
                form.add_error(None, "Kode tiket atau PIN tidak cocok.")
    else:
        # The receipt's QR code opens this page with the ticket code filled in (never the PIN).
        kode = AduanStatusForm.normalise_kode(request.GET.get("kode", ""))[:20]
        form = AduanStatusForm(initial={"kode_tiket": kode} if kode else None)
    context = {"form": form, "aduan": _status_facts(found) if found else None}
    if found:
        # The page speaks for the office that received the complaint (header, title, footer).
        context["public_office"] = _office_of(found)
    return render(request, "ppps/public/aduan_status.html", context)


def _office_of(item):
    """The public identity (a ``public_offices()`` dict) of the office that received ``item``."""
    return next((o for o in public_offices() if o["pk"] == item.office_id), None)


def _status_facts(item):
    """What the complainant may read of their complaint, as plain values."""
    office = _office_of(item)
    # Not answered yet: the day the confirmation promised, and honestly when it has passed.
    answer_on = aduan_receipt.answer_day(item, office) if not item.jawaban else None
    return {
        "kode_tiket": item.kode_tiket,
        "diterima": tanggal_id(timezone.localtime(item.created_at).date()),
        "kantor": office["name"] if office else "",
        "status": item.get_status_display(),
        "jawaban": item.jawaban,
        "dijawab_paling_lambat": tanggal_id(answer_on),
        "jawaban_terlambat": answer_on is not None and answer_on < timezone.localdate(),
        "telepon_kantor": office["phone"] if office else "",
        "surel_kantor": office["email"] if office else "",
    }
