import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from app.text import fold, nfc, person_sort_key, tokens

VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyàằầèềìòồờùừỳáắấéếíóốớúứýảẳẩẻểỉỏổởủửỷãẵẫẽễĩõỗỡũữỹạặậẹệịọộợụựỵ"
viet_text = st.text(alphabet=VIETNAMESE + VIETNAMESE.upper() + " 0123456789", max_size=40)


def test_examples():
    assert fold("Nguyễn Văn Thắng") == "nguyen van thang"
    assert fold("Đặng") == "dang"
    assert fold("ĐỖ THỊ HƯỜNG") == "do thi huong"
    assert tokens("Đặng Thị  Hà, 0912") == ["dang", "thi", "ha", "0912"]


@given(viet_text)
def test_fold_is_ascii_lower_and_idempotent(text):
    folded = fold(text)
    assert folded.isascii()
    assert folded == folded.lower()
    assert fold(folded) == folded


@given(viet_text)
def test_fold_ignores_normalisation_form(text):
    assert fold(unicodedata.normalize("NFD", text)) == fold(text)
    assert nfc(unicodedata.normalize("NFD", text)) == nfc(text)


@given(viet_text)
def test_nfc_is_composed(text):
    assert unicodedata.is_normalized("NFC", nfc(text))


def test_people_sort_by_given_name_the_vietnamese_way():
    names = ["Trần Văn Đức", "Lê Thị Bình", "Nguyễn Văn An", "Phạm Ân", "Hoàng Thị Ánh",
             "Vũ Dũng", "Bùi Ăn"]
    ordered = sorted(names, key=person_sort_key)
    assert ordered == ["Nguyễn Văn An", "Hoàng Thị Ánh", "Bùi Ăn", "Phạm Ân", "Lê Thị Bình",
                       "Vũ Dũng", "Trần Văn Đức"]


def test_same_given_name_then_family_name():
    assert sorted(["Trần Văn Hùng", "Lê Hùng", "Nguyễn Hùng"], key=person_sort_key) == [
        "Lê Hùng", "Nguyễn Hùng", "Trần Văn Hùng"]


@given(st.lists(viet_text, max_size=8))
def test_sort_key_is_a_total_order_on_ascii(names):
    keys = [person_sort_key(n) for n in names]
    assert all(k.isascii() for k in keys)
