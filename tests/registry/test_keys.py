"""Name folding into matching keys (parlib.registry.keys), hand-written expected keys."""
import pytest

from parlib.registry.keys import alias_key, fold, strip_prefix


@pytest.mark.parametrize("text,expected", [("Đắk Lắk", "dak lak"), ("ĐỒNG THÁP", "dong thap"), ("đĐ", "dd"),
                                           ("Hoà Bình", "hoa binh"), ("Hòa Bình", "hoa binh"), (12, "12")])
def test_fold_removes_diacritics_and_lowers(text, expected):
    assert fold(text) == expected


@pytest.mark.parametrize("text,expected", [("Bà Rịa -Vũng Tàu", "bariavungtau"), ("Đăk Lăk", "daklak"),
                                           ("TP. Hồ Chí Minh", "tphochiminh"), ("Thừa Thiên - Huế", "thuathienhue")])
def test_alias_key_keeps_only_letters_and_digits(text, expected):
    assert alias_key(text) == expected


@pytest.mark.parametrize("key,expected", [("tinhhagiang", "hagiang"), ("thanhphohanoi", "hanoi"),
                                          ("tphochiminh", "hochiminh"), ("tphue", "hue"), ("tinhabc", "abc"),
                                          ("tinhab", "tinhab"), ("tpab", "tpab"), ("thanhphoabc", "abc"),
                                          ("thanhphoab", "thanhphoab"), ("hanoi", "hanoi"), ("xtinhabc", "xtinhabc")])
def test_strip_prefix_only_when_a_real_name_remains(key, expected):
    assert strip_prefix(key) == expected
