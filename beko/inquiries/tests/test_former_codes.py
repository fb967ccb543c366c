"""Asker types sent with a former code (before issue 19) are still understood."""


def test_a_form_page_opened_before_the_shared_codes_still_sends():
    from beko.inquiries.forms import InquiryForm

    form = InquiryForm(data={"asker_type": "volunteer"})
    form.is_valid()
    assert "asker_type" not in form.errors
    assert form.cleaned_data["asker_type"] == "volunteers"
    assert "asker_type" in InquiryForm(data={"asker_type": "organisations"}).errors
