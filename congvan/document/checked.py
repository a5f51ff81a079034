"""Every way into a document validates and reports as ``congvan.load`` does.

Pydantic offers several doors: keyword arguments (``CongVan(**d)``), ``model_validate``,
``model_validate_json`` and ``model_copy(update=...)``, which by default does not validate
at all.  Through each of them a document is checked by the same rules and refused with the
same :class:`~congvan.errors.DocumentInvalidError` (one ``field: message`` per problem, all
at once), and a call on the common base (``VanBan``) validates through the discriminated
union of the layout families, so it returns the class the document is.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Self, cast

from pydantic import TypeAdapter, ValidationError

from congvan.document.parts import Model, nfc_tree
from congvan.document.problems import problems_of
from congvan.errors import DocumentInvalidError


class Checked(Model):
    """A model whose every way in validates and raises DocumentInvalidError."""

    #: The discriminated union of the subclasses, set on the one class that dispatches
    #: through it (congvan.document.models sets ``VanBan.union``).
    union: ClassVar[TypeAdapter[Any] | None] = None

    @classmethod
    def _own_union(cls) -> TypeAdapter[Any] | None:
        """The union this very class dispatches through (its subclasses do not)."""
        union: TypeAdapter[Any] | None = vars(cls).get("union")
        return union

    def __new__(cls, *args: Any, **data: Any) -> Self:
        """``VanBan(**d)`` returns the family's class, as ``VanBan.model_validate(d)`` does."""
        if data and cls._own_union() is not None:
            return cls.model_validate(data)
        return super().__new__(cls)

    def __init__(self, /, **data: Any) -> None:
        if getattr(self, "__pydantic_fields_set__", None) is not None:
            return  # built by __new__ through the union: already validated
        try:
            super().__init__(**data)
        except ValidationError as exc:
            raise DocumentInvalidError(problems_of(exc)) from None

    # Pydantic calls a model's own __init__ on every validation unless it is marked as the
    # base one; this one only translates errors, so validation need not go through it.
    __init__.__pydantic_base_init__ = True  # type: ignore[attr-defined]

    @classmethod
    def model_validate(cls, obj: Any, **kwargs: Any) -> Self:
        """Validate ``obj``; on the base, into the family its ``loai`` names.
        DocumentInvalidError (a ValueError) lists every problem, one per field."""
        try:
            union = cls._own_union()
            if union is not None:
                return cast(Self, union.validate_python(obj, **kwargs))
            return super().model_validate(obj, **kwargs)
        except ValidationError as exc:
            problems = problems_of(exc)
            if cls._own_union() is not None and [field for field, _ in problems] == ["loai"]:
                problems += cls._problems_without_a_family(obj)
            raise DocumentInvalidError(problems) from None

    @classmethod
    def _problems_without_a_family(cls, obj: Any) -> list[tuple[str, str]]:
        """An unknown ``loai`` names no family; the keys every family shares are still
        checked (against the base), so the other problems come in the same run."""
        try:
            cls.__pydantic_validator__.validate_python(obj)
        except ValidationError as exc:
            return [(field, message) for field, message in problems_of(exc) if field != "loai"]
        return []

    @classmethod
    def model_validate_json(cls, json_data: str | bytes | bytearray, **kwargs: Any) -> Self:
        """As :meth:`model_validate`, from JSON text."""
        try:
            union = cls._own_union()
            if union is not None:
                return cast(Self, union.validate_json(json_data, **kwargs))
            return super().model_validate_json(json_data, **kwargs)
        except ValidationError as exc:
            raise DocumentInvalidError(problems_of(exc)) from None

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy with ``update`` applied and validated, so no copy can fail later inside
        rendering.  Each updated field runs its rules against the others; a new ``loai``
        revalidates the whole document (the rules of ký hiệu and trích yếu depend on it)."""
        copy = super().model_copy(deep=deep)
        if not update:
            return copy
        if "loai" in update:
            data = {name: getattr(self, name) for name in type(self).model_fields}
            return type(self).model_validate({**data, **update})
        problems: list[tuple[str, str]] = []
        validator = type(self).__pydantic_validator__
        fields = type(self).model_fields
        for name, value in nfc_tree(dict(update)).items():
            if name not in fields:
                problems.append((name, "unknown key (check the spelling against the YAML "
                                       "reference)"))
                continue
            if value is None and name not in self.null_has_meaning:  # null: as left out
                if fields[name].is_required():
                    problems.append((name, "required; add this key"))
                    continue
                value = fields[name].get_default(call_default_factory=True)
            try:
                validator.validate_assignment(copy, name, value)
            except ValidationError as exc:
                problems += problems_of(exc)
        if problems:
            raise DocumentInvalidError(problems)
        return copy
