from django import template

from alongside.plans import money

register = template.Library()


@register.filter
def pounds(pence):
    return money.pounds(pence)


@register.filter
def absolute(number):
    return abs(number)
