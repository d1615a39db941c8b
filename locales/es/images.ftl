# Las palabras dibujadas en las imágenes: el gráfico de salarios, las carreras comparadas, la
# cronología de la trayectoria. El texto de las guías (títulos, carreras, el nombre propio de una
# etapa) se dibuja tal cual; las cantidades, como las escriben las respuestas de texto.

## El gráfico de salarios (las guías de una carrera)

chart-salary-title = Rangos salariales por nivel ({ $code } al año)
chart-salary-title-level = Rangos salariales: { $level } ({ $code } al año)
chart-salary-key-bars = Barras: el rango de cada guía (◆ una cifra única)
chart-salary-key-band = Sombreado: del mínimo al máximo entre guías
chart-salary-key-median = Línea oscura: mediana de los puntos medios
chart-salary-key-open = ▶ y +: sin límite superior
chart-salary-not-drawn = Sin dibujar: las cifras en { $currencies } (una moneda por eje)
chart-axis-thousands = Miles de { $code } al año
chart-level-range = { $range }, mediana { $median }
chart-level-sources = { $count ->
    [one] { $count } fuente
   *[other] { $count } fuentes
}

## Las carreras lado a lado

chart-compare-title = Salarios por carrera y nivel ({ $code } al año)
chart-compare-title-level = Salarios por carrera: { $level } ({ $code } al año)
chart-compare-key-bars = Barras: del mínimo al máximo entre las guías de cada carrera
chart-compare-key-median = Línea oscura y cifra: mediana de los puntos medios
chart-compare-key-open = ▲: sin límite superior
chart-compare-not-drawn = Sin dibujar (no anual, en otra moneda o general): { $items }
# Una carrera que el gráfico deja fuera: en otra moneda; un nivel dado al mes o por hora; un
# nivel que no es un grupo del gráfico (general).
chart-left-out-currency = { $career } (en { $code })
chart-left-out-period = { $career } — { $level } ({ $period })
chart-left-out-level = { $career } — { $level }
chart-period-year = al año
chart-period-month = al mes
chart-period-hour = por hora

## La cronología de la trayectoria

timeline-title = { $career }: cronología de la carrera
timeline-key-start = Cada barra empieza en el primer año que permiten las guías
timeline-key-tail = Cola clara: cuánto más puede durar una etapa
timeline-key-open = ▶ sin final indicado
timeline-key-hatched = Rayado: sin plazo indicado
timeline-axis = Años desde el inicio de la carrera
# La etapa de una barra, bajo su nombre: $stage es junior, mid, senior o lead, o «none» para el
# plazo de cualificación antes del primer empleo.
timeline-stage = { $stage ->
    [junior] Etapa júnior
    [mid] Etapa intermedia
    [senior] Etapa sénior
    [lead] Etapa de liderazgo
   *[none] Antes del primer empleo
}
